import Hummingbird
import OKRCore
import OKRStore

/// Turns errors of browser routes into a page in the visitor's language, never a bare 500: store "not found"
/// becomes 404, bad input 400/422. API routes answer in JSON through `APIError` instead.
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
            let language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
            let page = Page(language: language, person: nil, csrfToken: nil, path: "/")
            let (status, title, body): (HTTPResponse.Status, String, String)
            switch error {
            case let error as HTTPError where error.status == .notFound:
                (status, title, body) = (.notFound, page.t(.notFoundTitle), page.t(.notFoundBody))
            case let error as HTTPError where error.status == .methodNotAllowed:
                let html = Layout.render(page, title: page.t(.errorTitle)) { html in
                    html.element("section", [("class", "card")]) { html in
                        html.element("h1", text: page.t(.errorTitle))
                        html.element("p", text: page.t(.errorMethod, ["method": request.method.rawValue]))
                        html.element("a", [("href", "/")], text: page.t(.navOverview))
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
                    html.element("a", [("href", "/")], text: page.t(.navOverview))
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
        case .forbidden: return .formExpired
        case .contentTooLarge: return .errorTooLarge
        default: return .errorBadForm
        }
    }
}
