import Foundation
import Hummingbird
import OKRCore
import OKRStore

/// `/settings/data`, for admins: bring people and teams or OKRs in from a file, take them out, and download the
/// OKR template. An upload is first checked — what would be created, what is already there, and each refused row
/// with its column, nothing written — and then imported with one more click, from the same file kept in the
/// page (nothing is stored on the server in between). Everything goes through `PeopleImport` and `OKRImport`,
/// as `okra import` and `POST /api/v1/imports` do.
struct DataController: Sendable {
    let web: PageKit

    var store: OKRStore { web.store }

    func addRoutes(to routes: PageRoutes) {
        routes.signedIn.get(.data, use: show)
        routes.signedIn.post(.dataImport, use: upload)
        routes.signedIn.get(.dataTemplate, use: template)
    }

    func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.person
        let page = web.page(request, context)
        guard viewer.role == .admin else { throw PageError.forbidden(.adminForbidden) }
        var model = try await DataPage(store: store)
        model.done = request.uri.queryParameters["imported"].map(String.init)
        return web.html(DataPageView.render(page, model))
    }

    /// Checks an uploaded file (`apply` absent), or imports it (`apply=1`, the file sent back from the check).
    func upload(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try context.uploadedForm()
        let viewer = context.person
        let page = web.page(request, context)
        guard viewer.role == .admin else { throw PageError.forbidden(.adminForbidden) }
        var model = try await DataPage(store: store)
        model.kind = form["kind"] == "people" ? .people : .okrs
        model.cycle = form["cycle"] ?? ""
        var data: Data?
        if let file = form.file("file") {
            data = file.data
            model.fileName = file.fileName ?? ""
        } else if let kept = form["content"], let decoded = Data(base64Encoded: kept) {
            data = decoded
            model.fileName = form["file_name"] ?? ""
        }
        guard let data else {
            model.notice = page.t(.dataNoFile)
            return web.html(DataPageView.render(page, model), .unprocessableContent)
        }
        let plan: any ImportPlan =
            switch model.kind {
            case .people: try await PeopleImport.prepare(data, store: store, language: page.language)
            case .okrs:
                try await OKRImport.prepare(
                    data, store: store, cycle: model.cycle.isEmpty ? nil : CycleID(model.cycle),
                    language: page.language)
            }
        model.problems = plan.problems
        model.summary = plan.summary(page.language)
        model.changes = plan.changesAnything
        if form["apply"] == "1", plan.isValid {
            try await plan.apply(store: store, actor: viewer.id)
            return .redirect(to: Route.data.path(["imported": model.kind.rawValue]), type: .normal)
        }
        model.content = data.base64EncodedString()
        return web.html(DataPageView.render(page, model), model.problems.isEmpty ? .ok : .unprocessableContent)
    }

    /// The OKR template, in the page's language: `format=xlsx` (default) or `csv`.
    func template(_ request: Request, context: SignedInContext) async throws -> Response {
        let page = web.page(request, context)
        let format: OKRExport.Format = request.uri.queryParameters["format"] == "csv" ? .csv : .xlsx
        let data = try OKRExport.data(OKRSheet.template(page.language), format: format, language: page.language)
        let name = (page.language == .vi ? "mau-okr" : "okr-template") + "." + format.rawValue
        return Response(
            status: .ok,
            headers: [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// What the data page shows: the cycles to choose from, and after an upload what the file would do.
struct DataPage: Sendable {
    enum Kind: String, Sendable {
        case okrs, people
    }

    let cycles: [Cycle]
    var kind: Kind = .okrs
    var cycle = ""
    var fileName = ""
    /// The checked file, base64, sent back with the import button.
    var content: String?
    var summary: String?
    var problems: [ImportProblem] = []
    /// Whether the checked file would create or change anything.
    var changes = false
    var notice: String?
    /// `okrs` or `people` after an import.
    var done: String?

    init(store: OKRStore) async throws {
        cycles = try await store.cycles().map(\.value).sorted { $0.start > $1.start }
        let active = cycles.filter { $0.state == .active }
        if active.count == 1 { cycle = active[0].id.rawValue }
    }
}
