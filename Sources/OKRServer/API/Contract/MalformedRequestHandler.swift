import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request that the HTTP/1.1 parser rejects before the router sees it, in the API's error shape: an
/// unknown method (`FOO / HTTP/1.1`) is `501 Not Implemented`, any other malformed request `400 Bad Request`. The
/// connection is then closed, as the parser cannot find where the next request starts. Without it the framework
/// answers an empty 400.
final class MalformedRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private var answered = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, !answered else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let (status, code, key): (HTTPResponse.Status, String, StringKey) =
            parserError == .invalidMethod
            ? (.notImplemented, "method_not_implemented", .apiMethodNotImplemented)
            : (.badRequest, "malformed_request", .apiMalformedRequest)
        let body = ByteBuffer(bytes: Self.body(code: code, message: Strings.shipped.text(key, .en)))
        let head = HTTPResponse(
            status: status,
            headerFields: [
                .contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes),
                .connection: "close", .xContentTypeOptions: "nosniff", .cacheControl: "no-store, max-age=0",
            ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.close(promise: nil) }
    }

    /// `{"error": {"code", "message"}}`, as `APIError` writes it.
    static func body(code: String, message: String) -> Data {
        (try? JSONSerialization.data(
            withJSONObject: ["error": ["code": code, "message": message]], options: [.sortedKeys])) ?? Data()
    }
}
