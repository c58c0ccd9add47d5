import Hummingbird
import NIOCore
import OKRCore

/// What a request carries through the middleware to its handler: who is asking and in which language.
public struct OkraContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in person (browser session) or the owner of the API token.
    public var person: Person? {
        didSet { trace.person = person?.id }
    }
    /// This request's id (`X-Request-Id`, sent back in the response, in its log line and on its error page).
    public var requestID = ""
    /// What the request log learns from inside (who asked), shared by every copy of this context.
    public let trace = RequestTrace()
    /// The browser session's id, when the request came with one.
    public var sessionID: String?
    /// The session's CSRF token, which every form posted by a signed-in person must echo.
    public var csrfToken: String?
    /// True when the request was authenticated by a read-only API token.
    public var readOnlyToken: Bool
    public var language: Language
    /// What the previous action said it did, to show once on this page (`Flash`).
    public var flash: Flash?
    /// The posted page form, read and checked by `PostedFormMiddleware` (nil for a GET, the API, a file upload).
    var form: PageForm?
    /// The posted file upload of a page, read and checked by `PostedFormMiddleware`.
    var upload: UploadedForm?
    /// The peer of the connection (nil in in-process tests), for the sign-in limits per address.
    public let remoteAddress: SocketAddress?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        person = nil
        sessionID = nil
        csrfToken = nil
        readOnlyToken = false
        language = .vi
    }

    /// Bodies larger than this are refused with 413.
    public static let maxBodySize = 1_048_576
    public var maxUploadSize: Int { Self.maxBodySize }
}
