import Hummingbird
import OKRCore
import OKRStore

/// Turns errors of browser routes into a page in the visitor's language, never a bare 500: store "not found"
/// becomes 404, bad input 400/422, `PageError` its page (or the sign-in page). API routes answer in JSON through
/// `APIError` instead. The router holds one for every route; the page routes hold another inside the session, so
/// their error pages keep the person's language and navigation.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = OkraContext

    func handle(
        _ request: Request, context: OkraContext, next: (Request, OkraContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch {
            if request.uri.path.hasPrefix("/api/") { throw APIError.from(error) }
            let page: Page
            if context.csrfToken != nil {
                // Inside the session (the page routes' own copy of this middleware): the person's language and
                // navigation, as on the page they came from.
                page = Page(
                    language: context.language, person: context.person, csrfToken: context.csrfToken,
                    path: Route.myWeek.path)
            } else {
                // The language the visitor chose (its cookie), else their browser's.
                let language =
                    request.cookies[SessionMiddleware.languageCookie].flatMap { Language(rawValue: $0.value) }
                    ?? Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
                page = Page(language: language, person: nil, csrfToken: nil, path: Route.myWeek.path)
            }
            let language = page.language
            let (status, title, body): (HTTPResponse.Status, String, String)
            var back = Route.myWeek.path
            switch error {
            case PageError.signInRequired:
                return PageKit.signInRedirect(request)
            case PageError.formExpired:
                (status, title, body) = (.forbidden, page.t(.errorTitle), page.t(.formExpired))
                // Back to the page the form was on, where a fresh form carries the browser's token.
                back = PageKit.localPath(request.headers[.referer].flatMap(Page.localPath(ofReferer:)))
            case PageError.forbidden(let reason):
                (status, title, body) = (.forbidden, page.t(reason), page.t(.errorForbidden))
            case let error as HTTPError where error.status == .notFound:
                (status, title, body) = (.notFound, page.t(.notFoundTitle), page.t(.notFoundBody))
            case let error as HTTPError where error.status == .methodNotAllowed:
                let html = Layout.render(page, title: page.t(.errorTitle)) { html in
                    html.element("section", [("class", "card")]) { html in
                        html.element("h1", text: page.t(.errorTitle))
                        html.element("p", text: page.t(.errorMethod, ["method": request.method.rawValue]))
                        html.element("a", [("href", Route.myWeek.path)], text: page.t(.navOverview))
                    }
                }
                return Response(
                    status: .methodNotAllowed,
                    headers: [.contentType: "text/html; charset=utf-8", .allow: error.headers[.allow] ?? "GET"],
                    body: .init(byteBuffer: ByteBuffer(string: html)))
            case let error as HTTPError:
                (status, title, body) = (error.status, page.t(.errorTitle), page.t(Self.reason(for: error.status)))
            case StoreError.notFound:
                (status, title, body) = (.notFound, page.t(.notFoundTitle), page.t(.notFoundBody))
            case StoreError.cycleClosed(let cycle):
                (status, title, body) = (.conflict, page.t(.errorTitle), page.t(.apiCycleClosed, ["cycle": cycle]))
            case let error as DomainError:
                (status, title, body) = (
                    .unprocessableContent, page.t(.errorTitle), page.t(.errorBody, ["reason": error.message(language)])
                )
            default:
                context.logger.error(
                    "request failed",
                    metadata: [
                        "error": "\(error)", "route": "\(context.endpointPath ?? "unmatched")",
                        "request_id": "\(context.requestID)",
                    ])
                (status, title, body) = (
                    .internalServerError, page.t(.errorTitle), page.t(.errorInternal)
                )
            }
            let html = Layout.render(page, title: title) { html in
                html.element("section", [("class", "card")]) { html in
                    html.element("h1", text: title)
                    html.element("p", text: body)
                    if !context.requestID.isEmpty {
                        html.element(
                            "p", [("class", "muted request-id")],
                            text: page.t(.errorRequestID, ["id": context.requestID]))
                    }
                    if back == Route.myWeek.path {
                        html.element("a", [("href", Route.myWeek.path)], text: page.t(.navOverview))
                    } else {
                        html.element("a", [("href", back)], text: page.t(.errorFormBack))
                    }
                }
            }
            return Response(
                status: status, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }

    /// What a browser visitor reads for an HTTP error, from the catalog in their language.
    static func reason(for status: HTTPResponse.Status) -> StringKey {
        switch status {
        case .forbidden: return .errorForbidden
        case .contentTooLarge: return .errorTooLarge
        default: return .errorBadForm
        }
    }
}
