"""A small OpenID Connect provider for Okra's sign-in tests, run as a real process on a loopback port.

It does what Keycloak or Entra ID do for the authorization code flow with PKCE — discovery, an authorization
endpoint that sends the browser back with a single-use code, a token endpoint that checks the client's secret,
the redirect URI and the PKCE verifier, and RS256 ID tokens whose keys are published as a JWKS — and, unlike a
real one, can be told to misbehave, so the tests can see Okra refuse what it must refuse:

    POST /control/user   {"sub": ..., "email": ..., "email_verified": ..., "name": ..., "groups": [...]}
                          who is signed in at the provider (the next authorization is theirs)
    POST /control/token  {"mode": "good" | "expired" | "wrong-key" | "wrong-audience" | "wrong-issuer"
                          | "wrong-nonce"}   how the next ID tokens are made
    POST /control/rotate  a new signing key; the JWKS then publishes only the new one
    GET  /control/log     what the provider saw (authorizations and token requests), as JSON

Started as `python provider.py CLIENT_ID CLIENT_SECRET REDIRECT_URI`; prints its port on the first line.
"""

import base64
import hashlib
import json
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID, CLIENT_SECRET, REDIRECT_URI = sys.argv[1], sys.argv[2], sys.argv[3]

lock = threading.Lock()
state = {
    "user": {"sub": "user-1", "email": "user@example.com", "email_verified": True, "name": "User One"},
    "mode": "good",
    "codes": {},
    "log": [],
}


def new_key():
    return {"kid": "key-" + secrets.token_hex(4), "private": rsa.generate_private_key(65537, 2048)}


state["key"] = new_key()
# A key that signs but is never published: a token signed with it under the published key id is forged.
stranger = new_key()


def b64(number):
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwk(key):
    numbers = key["private"].public_key().public_numbers()
    return {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": key["kid"], "n": b64(numbers.n), "e": b64(numbers.e)}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    @property
    def issuer(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def reply(self, status, body=None, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/.well-known/openid-configuration":
            return self.reply(200, {
                "issuer": self.issuer,
                "authorization_endpoint": self.issuer + "/authorize",
                "token_endpoint": self.issuer + "/token",
                "jwks_uri": self.issuer + "/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            })
        if url.path == "/jwks":
            with lock:
                return self.reply(200, {"keys": [jwk(state["key"])]})
        if url.path == "/authorize":
            return self.authorize(query)
        if url.path == "/control/log":
            with lock:
                return self.reply(200, state["log"])
        self.reply(404, {"error": "not_found"})

    def authorize(self, query):
        problems = []
        if query.get("client_id") != CLIENT_ID:
            problems.append("client_id")
        if query.get("redirect_uri") != REDIRECT_URI:
            problems.append("redirect_uri")
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            problems.append("response_type or scope")
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            problems.append("PKCE")
        if not query.get("state") or not query.get("nonce"):
            problems.append("state or nonce")
        with lock:
            state["log"].append({"authorize": query, "problems": problems})
            if problems:
                return self.reply(400, {"error": "invalid_request", "error_description": ", ".join(problems)})
            code = secrets.token_urlsafe(24)
            state["codes"][code] = {
                "user": dict(state["user"]), "nonce": query["nonce"], "challenge": query["code_challenge"],
                "redirect_uri": query["redirect_uri"], "used": False,
            }
        target = REDIRECT_URI + "?" + urllib.parse.urlencode({"code": code, "state": query["state"]})
        self.reply(302, headers={"Location": target})

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/token":
            return self.token(dict(urllib.parse.parse_qsl(self.body())))
        if url.path == "/control/user":
            with lock:
                state["user"] = json.loads(self.body())
            return self.reply(204)
        if url.path == "/control/token":
            with lock:
                state["mode"] = json.loads(self.body())["mode"]
            return self.reply(204)
        if url.path == "/control/rotate":
            with lock:
                state["key"] = new_key()
            return self.reply(204)
        self.reply(404, {"error": "not_found"})

    def refuse(self, status, error, description):
        state["log"].append({"refused": description})
        return self.reply(status, {"error": error, "error_description": description})

    def token(self, form):
        basic = self.headers.get("Authorization", "")
        expected = "Basic " + base64.b64encode(
            (urllib.parse.quote(CLIENT_ID, safe="") + ":" + urllib.parse.quote(CLIENT_SECRET, safe="")).encode()
        ).decode()
        with lock:
            state["log"].append({"token": {k: v for k, v in form.items() if k != "code_verifier"}})
            if basic != expected:
                return self.refuse(401, "invalid_client", "client authentication")
            grant = state["codes"].get(form.get("code", ""))
            if form.get("grant_type") != "authorization_code" or grant is None:
                return self.refuse(400, "invalid_grant", "unknown code")
            if grant["used"]:
                return self.refuse(400, "invalid_grant", "code already used")
            grant["used"] = True
            if form.get("redirect_uri") != grant["redirect_uri"]:
                return self.refuse(400, "invalid_grant", "redirect_uri")
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if challenge != grant["challenge"]:
                return self.refuse(400, "invalid_grant", "PKCE verifier")
            mode, key = state["mode"], state["key"]
        now = int(time.time())
        claims = {
            "iss": self.issuer, "sub": grant["user"]["sub"], "aud": CLIENT_ID, "iat": now, "exp": now + 300,
            "nonce": grant["nonce"],
        }
        claims.update({k: v for k, v in grant["user"].items() if k != "sub"})
        signer = key
        if mode == "expired":
            claims["iat"], claims["exp"] = now - 3600, now - 1800
        elif mode == "wrong-key":
            signer = {"kid": key["kid"], "private": stranger["private"]}
        elif mode == "wrong-audience":
            claims["aud"] = "someone-else"
        elif mode == "wrong-issuer":
            claims["iss"] = "https://evil.example"
        elif mode == "wrong-nonce":
            claims["nonce"] = "not-the-nonce"
        token = jwt.encode(claims, signer["private"], algorithm="RS256", headers={"kid": signer["kid"]})
        self.reply(200, {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "id_token": token,
                         "expires_in": 300})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
