import OKRCore

/// A job one worker has taken for a while, with what it needs to post it: the URL and the secret to sign with.
/// No other worker takes the job until the claim runs out.
public struct WebhookClaim: Sendable {
    public let job: WebhookJob
    public let url: String
    public let secret: String

    public init(job: WebhookJob, url: String, secret: String) {
        self.job = job
        self.url = url
        self.secret = secret
    }
}
