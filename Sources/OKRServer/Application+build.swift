import Foundation
import Hummingbird
import Logging
import OKRCore
import OKRStore
import ServiceLifecycle

/// How the server runs: where it listens and how its cookies are marked.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies `Secure` (behind HTTPS).
    public var secureCookies: Bool
    public var bcryptCost: UInt8
    /// The operator's SMTP server for e-mail reminders; nil sends no e-mail.
    public var smtp: SMTPConfiguration? = nil
    /// The address people open Okra at (`--public-url`), for links in e-mail and chat; nil uses host and port.
    public var publicURL: String? = nil
    /// The reverse proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`); none by default.
    public var trustedProxies = TrustedProxies([])
    /// Which addresses webhooks may be posted to: public ones only, unless `--allow-private-webhooks`.
    public var webhookTargets = WebhookTargets()
    /// Backups the server takes by itself (`--backup-dir`); none by default.
    public var backups: BackupSchedule? = nil
    /// Who may read `/metrics`; nil: no such route.
    public var metrics: MetricsAccess? = nil
    /// Sign-in with the company's identity provider (`--oidc-issuer` …); nil: passwords only.
    public var openIDConnect: OpenIDConnectConfiguration? = nil
    /// Who may still sign in with a password (`--no-password-sign-in`, `--break-glass-admin`).
    public var passwordSignIn: PasswordSignIn = .everyone

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, bcryptCost: UInt8 = 12) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
    }
}

/// Builds the Okra application in one place: the router with its middleware and controllers, and the services.
public func buildApplication(
    store: OKRStore, configuration: ServerConfiguration, environment: AppEnvironment = AppEnvironment(),
    logger: Logger = Logger(label: "okra"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let live = LiveUpdates(store: store)
    let services =
        services(store: store, configuration: configuration, environment: environment, logger: logger)
        + [NamedService("live", live)]
    let health = ServiceHealth(expected: services.map(\.name))
    let router = buildRouter(
        store: store, configuration: configuration, environment: environment, services: health, live: live,
        logger: logger)
    return Application(
        router: router,
        // A request the HTTP parser rejects (an unknown method, say) is answered in the API's error shape.
        server: .http1(configuration: .init(additionalChannelHandlers: [MalformedRequestHandler()])),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: services.map { $0.tracked(health) },
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// A background service by the name `/health/ready` reports it under.
private struct NamedService {
    let name: String
    let tracked: (ServiceHealth) -> any Service

    init<S: Service>(_ name: String, _ service: S) {
        self.name = name
        tracked = { health in TrackedService(base: service, name: name, health: health) }
    }
}

/// What runs beside the HTTP server: reminders, webhook deliveries, the purge of expired sessions and, when
/// configured, scheduled backups.
private func services(
    store: OKRStore, configuration: ServerConfiguration, environment: AppEnvironment, logger: Logger
) -> [NamedService] {
    var services = [
        NamedService(
            "reminders",
            ReminderService(store: store, configuration: configuration, environment: environment, logger: logger)),
        NamedService(
            "webhooks",
            WebhookWorker(store: store, now: environment.now, targets: configuration.webhookTargets, logger: logger)),
        NamedService("sessions", SQLPersistDriver(store: store, now: environment.now)),
    ]
    if let schedule = configuration.backups {
        services.append(
            NamedService(
                "backups",
                ScheduledBackups(
                    schedule: schedule, location: store.database.location, now: { Date() }, logger: logger)))
    }
    return services
}

/// The router alone, for in-process tests.
public func buildRouter(
    store: OKRStore, configuration: ServerConfiguration, environment: AppEnvironment = AppEnvironment(),
    services: ServiceHealth = ServiceHealth(), live: LiveUpdates? = nil,
    logger: Logger = Logger(label: "okra", factory: { _ in SwiftLogNoOpLogHandler() })
) -> Router<OkraContext> {
    // One clock: every change made through the server is stamped by the time its pages and API read.
    let store = store.clocked(environment.now)
    // HEAD is answered like GET, without the body, on every GET route.
    let router = Router(context: OkraContext.self, options: .autoGenerateHeadEndpoints)
    let persist = SQLPersistDriver(store: store, now: environment.now)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    if let metrics = configuration.metrics {
        router.add(middleware: MetricsMiddleware())
        MetricsRoute.add(to: router, access: metrics, store: store, now: environment.now)
    }
    router.add(middleware: SecurityHeadersMiddleware(secure: configuration.secureCookies))
    router.add(middleware: ErrorPageMiddleware())
    let declaredRoutes = DeclaredRoutes()
    router.add(middleware: UndeclaredMethodMiddleware(routes: declaredRoutes))
    HealthRoutes.add(to: router, store: store, services: services)
    Assets.addRoutes(to: router)
    let hasher = PasswordHasher(cost: configuration.bcryptCost)
    let kit = PageKit(
        store: store, persist: persist, hasher: hasher, environment: environment,
        secureCookies: configuration.secureCookies, trustedProxies: configuration.trustedProxies,
        signInOptions: SignInOptions(configuration))
    // Every page route: the session, then the posted form read and its CSRF token checked, once for all.
    let web = router.group()
        .add(middleware: SessionMiddleware(store: store, persist: persist, secureCookies: configuration.secureCookies))
        .add(middleware: ErrorPageMiddleware())
        .add(middleware: PostedFormMiddleware(uploadLimit: ExchangeAPI.maxFileSize))
    let pages = PageRoutes(web)
    SignInController(web: kit).addRoutes(to: pages)
    if let openID = configuration.openIDConnect {
        OpenIDConnectController(
            web: kit,
            provider: OpenIDConnectProvider(
                configuration: openID,
                redirectURI: OpenIDConnectConfiguration.redirectURI(publicURL: configuration.publicBaseURL))
        ).addRoutes(to: pages)
    }
    FirstRunController(web: kit).addRoutes(to: pages)
    PasswordResetController(
        web: kit, mailer: configuration.smtp.map { SMTPClient(configuration: $0) },
        publicURL: configuration.publicBaseURL
    ).addRoutes(to: pages)
    CompanyController(web: kit).addRoutes(to: pages)
    WeekController(web: kit).addRoutes(to: pages)
    TeamController(web: kit).addRoutes(to: pages)
    ObjectiveController(web: kit).addRoutes(to: pages)
    DraftingController(web: kit).addRoutes(to: pages)
    NotificationsController(web: kit, configuration: configuration).addRoutes(to: pages)
    MeetingController(web: kit).addRoutes(to: pages)
    AskController(web: kit).addRoutes(to: pages)
    AdminController(web: kit).addRoutes(to: pages)
    WebhooksSettingsPageController(web: kit, targets: configuration.webhookTargets).addRoutes(to: pages)
    CycleController(web: kit).addRoutes(to: pages)
    KPIController(web: kit).addRoutes(to: pages)
    PersonPageController(web: kit).addRoutes(to: pages)
    SettingsController(web: kit).addRoutes(to: pages)
    DataController(web: kit).addRoutes(to: pages)
    SCIMSettingsPageController(web: kit, publicURL: configuration.publicURL).addRoutes(to: pages)
    LiveController(store: store, live: live ?? LiveUpdates(store: store)).addRoutes(to: web)
    SCIMController(store: store, persist: persist, publicURL: configuration.publicURL).addRoutes(to: router)
    let api = router.group("/api/v1")
        .add(middleware: SessionMiddleware(store: store, persist: persist, secureCookies: configuration.secureCookies))
        .add(middleware: APIAuthMiddleware(store: store))
    let builder = APIBuilder(group: api)
    ObjectivesAPI(store: store, environment: environment).addRoutes(to: builder)
    CyclesAPI(store: store, environment: environment).addRoutes(to: builder)
    DirectionBriefAPI(store: store, environment: environment).addRoutes(to: builder)
    InitiativesAPI(store: store, environment: environment).addRoutes(to: builder)
    SettingsAPI(store: store).addRoutes(to: builder)
    PeopleAPI(store: store, hasher: hasher, persist: persist)
        .addRoutes(to: builder)
    TeamsAPI(store: store).addRoutes(to: builder)
    TokensAPI(store: store).addRoutes(to: builder)
    KeyResultsAPI(store: store, environment: environment).addRoutes(to: builder)
    MyKeyResultsAPI(store: store, environment: environment).addRoutes(to: builder)
    WeeklyUpdatesAPI(store: store, environment: environment).addRoutes(to: builder)
    AsksAPI(store: store, environment: environment).addRoutes(to: builder)
    CommentsAPI(store: store, environment: environment).addRoutes(to: builder)
    KPIsAPI(store: store, environment: environment).addRoutes(to: builder)
    WebhooksAPI(store: store, environment: environment, targets: configuration.webhookTargets).addRoutes(to: builder)
    ExchangeAPI(store: store).addRoutes(to: builder)
    builder.declareRoutes(in: declaredRoutes, prefix: OpenAPIDocument.prefix)
    let document = OpenAPIDocument.build(operations: builder.operations, schemas: builder.schemas).rendered
    router.get("/openapi.json") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: document)))
    }
    return router
}
