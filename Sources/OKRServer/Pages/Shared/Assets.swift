import Foundation
import Hummingbird

/// The stylesheet and script, read once from the resource folder and served with a short cache lifetime.
enum Assets {
    static let css = load("okra", "css") + percentClasses

    /// A class for each whole percent of a progress bar's fill (`w-0` … `w-100`) and of its expected mark
    /// (`l-0` … `l-100`): the pages carry no inline style, so their Content-Security-Policy allows none.
    static let percentClasses: String = (0...100).map { n in
        ".bar .w-\(n) { width: \(n)%; }\n.bar .l-\(n) { left: \(n)%; }\n"
    }.joined()
    static let js = load("okra", "js")

    static func addRoutes(to router: Router<OkraContext>) {
        router.get("/assets/okra.css") { _, _ in serve(css, type: "text/css; charset=utf-8") }
        router.get("/assets/okra.js") { _, _ in serve(js, type: "text/javascript; charset=utf-8") }
        // Okra's mark as the favicon; /favicon.ico answers with the same SVG for browsers that ask for it there.
        router.get("/favicon.svg") { _, _ in serve(Icon.mark, type: "image/svg+xml") }
        router.get("/favicon.ico") { _, _ in serve(Icon.mark, type: "image/svg+xml") }
    }

    static func serve(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func load(_ name: String, _ ext: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }
}
