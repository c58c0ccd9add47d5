extension ServerConfiguration {
    /// The base of links sent out of the app, without a trailing slash: the public URL when the operator gave
    /// one, else the address the server listens on.
    var publicBaseURL: String {
        if let publicURL, !publicURL.isEmpty {
            return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        }
        let host = host == "0.0.0.0" || host == "::" ? "localhost" : host
        return "http://\(host):\(port)"
    }
}
