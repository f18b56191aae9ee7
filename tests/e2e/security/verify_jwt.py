#!/usr/bin/python3
"""Independent verification of Hookbench client JWTs with PyJWT and jwcrypto (Debian packages).

Usage: verify_jwt.py --jwks FILE --aud URL --iss ISS TOKEN [TOKEN...]

Uses ONLY the JWK Set given (what Hookbench publishes). Tokens are checked in order with one
replay cache, like a CDS service would (spec 5.5: iss, aud, exp, signature by kid, unseen jti).
Prints one JSON line per token:
  {"pyjwt": {"ok": bool, "reason": str, "message": str}, "jwcrypto": {...}}
reason is the verifier's exception class name, or NoMatchingKey (kid not in the JWK Set) or
ReusedJti (jti already accepted). Exit 3 if a verifier library is missing.
"""
import argparse
import json
import sys

try:
    import jwt  # python3-jwt
    from jwcrypto import jwk as jwc_jwk
    from jwcrypto import jwt as jwc_jwt
except ImportError as error:  # the test must fail loudly, not skip
    print("MISSING VERIFIER: %s (install python3-jwt and python3-jwcrypto)" % error,
          file=sys.stderr)
    sys.exit(3)

ALGS = ["ES384", "RS384"]  # never none, never HS*


def verdict(ok, reason="", message=""):
    return {"ok": ok, "reason": reason, "message": str(message)[:300]}


def unverified_claims(token):
    try:
        return jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return {}


def verify_pyjwt(jwks, token, aud, iss, seen):
    try:
        header = jwt.get_unverified_header(token)
        keys = [k for k in jwt.PyJWKSet.from_dict(jwks).keys if k.key_id == header.get("kid")]
        if not keys:
            return verdict(False, "NoMatchingKey", "kid %r not in the JWK Set" % header.get("kid"))
        claims = jwt.decode(token, keys[0].key, algorithms=ALGS, audience=aud, issuer=iss,
                            options={"require": ["exp", "iat", "iss", "aud", "jti"]})
    except jwt.PyJWTError as error:
        return verdict(False, type(error).__name__, error)
    if claims["jti"] in seen:
        return verdict(False, "ReusedJti", "jti %s already accepted" % claims["jti"])
    seen.add(claims["jti"])
    return verdict(True)


def verify_jwcrypto(jwks_text, token, aud, iss, seen):
    try:
        keyset = jwc_jwk.JWKSet.from_json(jwks_text)
        required = {"iss": iss, "aud": aud, "exp": None, "iat": None, "jti": None}
        # With explicit check_claims jwcrypto checks nbf only when asked; RFC 7519 4.1.5 says a
        # present nbf must be honoured, so ask whenever the token carries one.
        if "nbf" in unverified_claims(token):
            required["nbf"] = None
        checked = jwc_jwt.JWT(jwt=token, key=keyset, algs=ALGS, check_claims=required)
        claims = json.loads(checked.claims)
    except Exception as error:  # jwcrypto raises several unrelated exception types
        return verdict(False, type(error).__name__, error)
    if claims["jti"] in seen:
        return verdict(False, "ReusedJti", "jti %s already accepted" % claims["jti"])
    seen.add(claims["jti"])
    return verdict(True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jwks", required=True)
    parser.add_argument("--aud", required=True)
    parser.add_argument("--iss", required=True)
    parser.add_argument("tokens", nargs="+")
    args = parser.parse_args()
    with open(args.jwks, encoding="utf-8") as handle:
        jwks_text = handle.read()
    jwks = json.loads(jwks_text)
    seen_pyjwt, seen_jwcrypto = set(), set()
    for token in args.tokens:
        print(json.dumps({
            "pyjwt": verify_pyjwt(jwks, token, args.aud, args.iss, seen_pyjwt),
            "jwcrypto": verify_jwcrypto(jwks_text, token, args.aud, args.iss, seen_jwcrypto),
        }), flush=True)


if __name__ == "__main__":
    main()
