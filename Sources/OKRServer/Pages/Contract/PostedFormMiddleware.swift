import Hummingbird
import NIOCore

/// Reads the form of every page POST once and checks its CSRF token before any handler sees it: the token in
/// the form's `csrf` field must be the browser's `okra_csrf` cookie (double submit, see `SessionMiddleware`),
/// else `PageError.formExpired` and nothing runs. A `multipart/form-data` form (a file upload) may be as large as
/// an import file; any other is read as `application/x-www-form-urlencoded` up to the page body limit.
struct PostedFormMiddleware: RouterMiddleware {
    typealias Context = OkraContext
    /// The largest file upload.
    let uploadLimit: Int

    func handle(
        _ request: Request, context: OkraContext, next: (Request, OkraContext) async throws -> Response
    ) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        var context = context
        let token: String?
        if (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data") {
            let upload = try await UploadedForm(request, limit: uploadLimit)
            token = upload["csrf"]
            context.upload = upload
        } else {
            let form = try await PageForm.read(request, limit: context.maxUploadSize)
            token = form["csrf"]
            context.form = form
        }
        guard let token, let cookie = request.cookies[SessionMiddleware.csrfCookie]?.value, token == cookie else {
            throw PageError.formExpired
        }
        return try await next(request, context)
    }
}
