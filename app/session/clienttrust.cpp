#include "session/clienttrust.h"

#include "security/jwtinspector.h"
#include "security/keystore.h"

#include <QMutex>

#include <memory>

using namespace Qt::StringLiterals;

namespace hb::session {

namespace {

QJsonObject liveJwks(const QString &keysDir)
{
    security::KeyStore keys(keysDir);
    keys.load(nullptr);
    return keys.publicJwks();
}

} // namespace

servers::ClientTrust clientTrustFor(const QString &keysDir, const QString &issuer)
{
    struct Verifier
    {
        QMutex mutex;
        security::JwtInspector inspector; // keeps the jti replay cache across requests
    };
    auto state = std::make_shared<Verifier>();
    servers::ClientTrust trust;
    trust.jwks = [keysDir] { return liveJwks(keysDir); };
    trust.verifier = [state, keysDir, issuer](const QByteArray &authorization,
                                              const QString &audience) {
        if (!authorization.startsWith("Bearer "))
            return authorization.isEmpty() ? u"no Authorization header"_s
                                           : u"the Authorization header is not a Bearer token"_s;
        QMutexLocker lock(&state->mutex);
        state->inspector.setJwks(liveJwks(keysDir));
        const auto inspection = state->inspector.inspect(authorization, {audience, issuer, 0, 30});
        if (!inspection.decoded)
            return inspection.error;
        for (const auto &check : inspection.checks) {
            if (!check.passed)
                return check.name + u": "_s + check.detail;
        }
        return QString();
    };
    return trust;
}

} // namespace hb::session
