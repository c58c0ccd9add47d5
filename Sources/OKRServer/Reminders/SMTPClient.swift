import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends e-mail to the operator's SMTP server over a NIO connection: EHLO, STARTTLS when configured (then
/// EHLO again, as RFC 3207 requires), AUTH PLAIN or LOGIN when a user is configured, then MAIL, RCPT, DATA and
/// QUIT — one connection per message, which is plenty for one reminder per person per week.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    /// The name this server gives in EHLO.
    let clientName: String

    public init(configuration: SMTPConfiguration, clientName: String = "okra.localhost") {
        self.configuration = configuration
        self.clientName = clientName
    }

    public func send(_ message: MailMessage, at date: Date = Date()) async throws {
        guard MailMessage.isAddress(message.to) else { throw SMTPError.badRecipient(message.to) }
        var session = try await SMTPSession.connect(host: configuration.host, port: configuration.port)
        do {
            try await converse(&session, message, date: date)
            await session.close()
        } catch {
            await session.close()
            throw error
        }
    }

    private func converse(_ session: inout SMTPSession, _ message: MailMessage, date: Date) async throws {
        try await session.expect(220, after: "connect")
        var extensions = try await session.command("EHLO \(clientName)", expect: 250)
        if configuration.startTLS {
            guard Self.offers(extensions, "STARTTLS") else { throw SMTPError.startTLSUnavailable }
            _ = try await session.command("STARTTLS", expect: 220)
            try await session.startTLS(serverName: configuration.host)
            extensions = try await session.command("EHLO \(clientName)", expect: 250)
        }
        if let user = configuration.username {
            try await authenticate(&session, user: user, password: configuration.password ?? "", extensions)
        }
        let eightBit = Self.offers(extensions, "8BITMIME")
        _ = try await session.command(
            "MAIL FROM:<\(configuration.from)>" + (eightBit ? " BODY=8BITMIME" : ""), expect: 250)
        _ = try await session.command("RCPT TO:<\(message.to)>", expect: 250, or: 251)
        _ = try await session.command("DATA", expect: 354)
        let host = configuration.from.split(separator: "@").last.map(String.init) ?? "okra"
        let data = message.rendered(
            from: configuration.from, date: date, messageID: "\(UUID().uuidString)@\(host)", eightBit: eightBit)
        try await session.write(data + ".\r\n")
        try await session.expect(250, after: "DATA")
        _ = try? await session.command("QUIT", expect: 221)
    }

    private func authenticate(
        _ session: inout SMTPSession, user: String, password: String, _ extensions: SMTPReply
    ) async throws {
        let mechanisms = Set(
            extensions.lines.filter { $0.uppercased().hasPrefix("AUTH") }
                .flatMap { $0.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).dropFirst() }
                .map(String.init))
        if mechanisms.contains("PLAIN") {
            let token = Data(("\u{0}" + user + "\u{0}" + password).utf8).base64EncodedString()
            _ = try await session.command("AUTH PLAIN \(token)", expect: 235, redacted: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            _ = try await session.command("AUTH LOGIN", expect: 334)
            _ = try await session.command(Data(user.utf8).base64EncodedString(), expect: 334, redacted: "AUTH LOGIN")
            _ = try await session.command(
                Data(password.utf8).base64EncodedString(), expect: 235, redacted: "AUTH LOGIN")
        } else {
            throw SMTPError.authenticationUnavailable
        }
    }

    /// Whether an EHLO reply names an extension (its first word on one of the lines).
    static func offers(_ reply: SMTPReply, _ name: String) -> Bool {
        reply.lines.contains { $0.uppercased().split(separator: " ").first.map(String.init) == name }
    }
}

/// One SMTP reply: its code and its text lines (the first line is the greeting or the server's name).
struct SMTPReply: Sendable, Hashable {
    let code: Int
    let lines: [String]
}

/// An open SMTP connection: commands written as lines, replies read in order.
struct SMTPSession {
    let channel: any Channel
    var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator

    static func connect(host: String, port: Int) async throws -> SMTPSession {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: SMTPReply.self)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyDecoder(replies: continuation))
                }
            }
            .connect(host: host, port: port).get()
        return SMTPSession(channel: channel, replies: stream.makeAsyncIterator())
    }

    mutating func next() async throws -> SMTPReply {
        guard let reply = try await replies.next() else { throw SMTPError.connectionClosed }
        return reply
    }

    mutating func expect(_ code: Int, or other: Int? = nil, after command: String) async throws {
        _ = try await reply(expecting: code, or: other, command: command)
    }

    private mutating func reply(expecting code: Int, or other: Int?, command: String) async throws -> SMTPReply {
        let reply = try await next()
        guard reply.code == code || reply.code == other else {
            throw SMTPError.refused(command: command, code: reply.code, text: reply.lines.joined(separator: " "))
        }
        return reply
    }

    /// Sends one command line and reads its reply; `redacted` names a command whose arguments are secret.
    mutating func command(
        _ line: String, expect code: Int, or other: Int? = nil, redacted: String? = nil
    ) async throws -> SMTPReply {
        try await write(line + "\r\n")
        let name = redacted ?? String(line.prefix(while: { $0 != ":" && $0 != " " }))
        return try await reply(expecting: code, or: other, command: name)
    }

    func write(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Puts TLS under the conversation, in front of the reply decoder.
    func startTLS(serverName: String) async throws {
        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
        // SNI takes a name, never an address.
        let isAddress = (try? SocketAddress(ipAddress: serverName, port: 0)) != nil
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : serverName)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    func close() async {
        try? await channel.close()
    }
}

/// Cuts the server's bytes into replies: lines end in CRLF, and "250-" continues a reply that "250 " ends.
final class SMTPReplyDecoder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let replies: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private var pending: [UInt8] = []
    private var lines: [String] = []

    init(replies: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.replies = replies
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
        while let end = pending.firstIndex(of: 10) {
            var line = pending[..<end]
            if line.last == 13 { line = line.dropLast() }
            let text = String(decoding: line, as: UTF8.self)
            pending.removeSubrange(...end)
            lines.append(text.count > 4 ? String(text.dropFirst(4)) : "")
            let continues = text.count > 3 && text[text.index(text.startIndex, offsetBy: 3)] == "-"
            if !continues {
                replies.yield(SMTPReply(code: Int(text.prefix(3)) ?? 0, lines: lines))
                lines = []
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        replies.finish(throwing: SMTPError.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        replies.finish(throwing: error)
        context.close(promise: nil)
    }
}
