import Hummingbird
import OKRCore

/// What a page handler reads of its request, whether or not someone is signed in: the language, the CSRF token
/// its forms echo, what the last action said, and the form that was posted (read and checked by
/// `PostedFormMiddleware` before the handler runs).
protocol PageContext: RequestContext {
    var language: Language { get }
    /// The signed-in person, if any (always someone in a `SignedInContext`).
    var signedIn: Person? { get }
    var csrfToken: String? { get }
    var flash: Flash? { get }
    /// The posted `application/x-www-form-urlencoded` form; nil for a GET or a file upload.
    var form: PageForm? { get }
    /// The posted `multipart/form-data` form (one with a file input).
    var upload: UploadedForm? { get }
}

extension PageContext {
    /// The posted form (an empty one when a file upload or nothing was posted).
    var postedForm: PageForm { form ?? PageForm(pairs: []) }

    /// The posted form as `type` (400 when a field cannot be read as its property).
    func decodeForm<T: Decodable>(_ type: T.Type) throws -> T { try postedForm.decode(type) }

    /// The posted file upload; 400 when the form was not sent as `multipart/form-data`.
    func uploadedForm() throws -> UploadedForm {
        guard let upload else { throw HTTPError(.badRequest, message: "The form must be sent as multipart/form-data.") }
        return upload
    }
}

extension OkraContext: PageContext {
    var signedIn: Person? { person }
}

/// The context of every page that needs someone signed in: the same request with a person who is always there.
/// The page routes' group converts an `OkraContext` into it; with no one signed in the conversion fails with
/// `PageError.signInRequired`, which `ErrorPageMiddleware` answers with the sign-in page (coming back here after).
/// No handler checks sign-in, or the form's CSRF token, itself.
struct SignedInContext: ChildRequestContext, PageContext {
    var coreContext: CoreRequestContextStorage
    let person: Person
    let language: Language
    let csrfToken: String?
    let flash: Flash?
    let form: PageForm?
    let upload: UploadedForm?
    /// The browser session's id.
    let sessionID: String?
    /// This request's id (`X-Request-Id`).
    let requestID: String

    init(context: OkraContext) throws {
        guard let person = context.person else { throw PageError.signInRequired }
        coreContext = context.coreContext
        self.person = person
        language = context.language
        csrfToken = context.csrfToken
        flash = context.flash
        form = context.form
        upload = context.upload
        sessionID = context.sessionID
        requestID = context.requestID
    }

    var signedIn: Person? { person }
    var maxUploadSize: Int { OkraContext.maxBodySize }
}

/// What a page refuses with; `ErrorPageMiddleware` turns each into the page that says so in the visitor's language.
enum PageError: Error, Equatable {
    /// No one is signed in: to the sign-in page, and back to this one after.
    case signInRequired
    /// The posted form's CSRF token is missing or not this browser's (the form is old, or was sent from elsewhere).
    case formExpired
    /// The person is signed in but may not do this; the page says why (`.adminForbidden`, `.editorForbidden`, …).
    case forbidden(StringKey)
}

/// The page routes, by whether they need someone signed in. Controllers add their routes here.
struct PageRoutes {
    /// Routes anyone may reach: signing in, the first run, a password reset, the language switch.
    let open: PageGroup<OkraContext>
    /// Every other page: reached only when signed in (else to the sign-in page).
    let signedIn: PageGroup<SignedInContext>

    init(_ group: RouterGroup<OkraContext>) {
        open = PageGroup(group: group)
        signedIn = PageGroup(group: group.group(context: SignedInContext.self))
    }
}
