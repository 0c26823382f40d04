import Hummingbird
import LanterneAssistant
import LanterneStore
import Logging

/// The Hummingbird application over a store: the JSON API under `/api/v1`, the pages, the middleware.
public enum LanterneServer {
    /// The router with every route and middleware, for the server and for in-process tests.
    /// - Parameters:
    ///   - store: the open, migrated store.
    ///   - configuration: cookies and passwords.
    ///   - assistant: the tax assistant.
    /// - Returns: the router.
    public static func router(store: Store, configuration: ServerConfiguration, assistant: Assistant) async throws
        -> Router<LanterneContext>
    {
        try await router(
            store: store, configuration: configuration, assistant: assistant,
            models: ModelCache(algorithms: store.algorithms))
    }

    static func router(
        store: Store, configuration: ServerConfiguration, assistant: Assistant, models: ModelCache
    ) async throws -> Router<LanterneContext> {
        let hasher = PasswordHasher(cost: configuration.passwordCost)
        let decoy = try await hasher.hash(OpaqueID.make())
        let signIn = SignIn(store: store, hasher: hasher, decoy: decoy)
        let cache = SessionCache()
        let router = Router(context: LanterneContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: LanguageSwitch())
        router.add(middleware: ErrorResponder())
        router.add(middleware: PublicRateLimit(perMinute: configuration.publicRequestsPerMinute))
        router.add(middleware: SessionAuthenticator(sessions: store.sessions, cache: cache))
        let api = router.group("api/v1")
        AlgorithmsController(store: store, models: models, records: RecordCache(algorithms: store.algorithms))
            .addRoutes(to: api)
        JobsController(store: store, models: models).addRoutes(to: api)
        SessionController(signIn: signIn, cache: cache).addRoutes(to: api)
        AskController(assistant: assistant).addRoutes(to: api)
        LogController(log: store.log).addRoutes(to: api)
        OpenAPIController().addRoutes(to: router)
        let desk = NoticeDesk(store: store, models: models, periods: PeriodCache())
        NoticesController(desk: desk, secureCookies: configuration.secureCookies).addRoutes(pages: router, api: api)
        CasesController(store: store, desk: desk).addRoutes(to: api)
        PeriodsController(store: store, models: models).addRoutes(to: api)
        ContestsController(store: store).addRoutes(to: api)
        OversightController(store: store, alertLevel: configuration.oversightAlertLevel).addRoutes(to: api)
        StewardPagesController(store: store, desk: StewardDesk(store: store, models: models)).addRoutes(to: router)
        WorkspaceController(store: store, desk: desk, alertLevel: configuration.oversightAlertLevel)
            .addRoutes(to: router)
        PagesController(
            store: store, signIn: signIn, cache: cache, secureCookies: configuration.secureCookies,
            pages: PageCache(seconds: configuration.publicPageSeconds), contact: configuration.contact,
            callbackRetention: configuration.callbackRetention
        )
        .addRoutes(to: router)
        CallbacksController(store: store, retention: configuration.callbackRetention).addRoutes(to: api)
        AssistantPagesController(
            store: store, assistant: assistant, retention: configuration.callbackRetention,
            secureCookies: configuration.secureCookies
        ).addRoutes(to: router)
        return router
    }

    /// The application, ready to run (it stops cleanly on SIGINT and SIGTERM through ServiceLifecycle), with this
    /// process's job runner.
    /// - Parameters:
    ///   - store: the open, migrated store.
    ///   - configuration: address, cookies, passwords.
    ///   - assistant: the tax assistant.
    ///   - onServerRunning: called once the server listens.
    /// - Returns: the application.
    public static func application(
        store: Store, configuration: ServerConfiguration, assistant: Assistant,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        var logger = Logger(label: "lanterne")
        logger.logLevel = .notice
        let models = ModelCache(algorithms: store.algorithms)
        let router = try await router(store: store, configuration: configuration, assistant: assistant, models: models)
        return Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "Lanterne"),
            services: [JobRunner(store: store, models: models, logger: logger)],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
