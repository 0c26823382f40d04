enum ServerBootstrap {}
