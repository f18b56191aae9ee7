#include "session/clienttrust.h"

#include "security/jwtinspector.h"
#include "security/keystore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMutex>

#include <memory>

using namespace Qt::StringLiterals;

namespace hb::session {

namespace {

// The key set as it is on disk now. Parsing the keys costs more than the rest of a call, so
// the set is kept until the store's index file changes (every generate, rotate or remove
// rewrites it).
class LiveJwks
{
public:
    explicit LiveJwks(QString keysDir)
        : m_dir(std::move(keysDir))
    { }

    QJsonObject get()
    {
        const QFileInfo index(QDir(m_dir).filePath(u"index.json"_s));
        const QDateTime stamp = index.exists() ? index.lastModified() : QDateTime();
        QMutexLocker lock(&m_mutex);
        if (!m_loaded || stamp != m_stamp) {
            security::KeyStore keys(m_dir);
            keys.load(nullptr);
            m_jwks = keys.publicJwks();
            m_stamp = stamp;
            m_loaded = true;
        }
        return m_jwks;
    }

private:
    QString m_dir;
    QMutex m_mutex;
    QJsonObject m_jwks;
    QDateTime m_stamp;
    bool m_loaded = false;
};

} // namespace

servers::ClientTrust clientTrustFor(const QString &keysDir, const QString &issuer)
{
    struct Verifier
    {
        QMutex mutex;
        security::JwtInspector inspector; // keeps the jti replay cache across requests
    };
    auto state = std::make_shared<Verifier>();
    auto jwks = std::make_shared<LiveJwks>(keysDir);
    servers::ClientTrust trust;
    trust.jwks = [jwks] { return jwks->get(); };
    trust.verifier = [state, jwks, issuer](const QByteArray &authorization,
                                           const QString &audience) {
        if (!authorization.startsWith("Bearer "))
            return authorization.isEmpty() ? u"no Authorization header"_s
                                           : u"the Authorization header is not a Bearer token"_s;
        QMutexLocker lock(&state->mutex);
        state->inspector.setJwks(jwks->get());
        const auto inspection = state->inspector.inspect(authorization, {audience, issuer, 0, 30});
        if (!inspection.decoded)
            return inspection.error;
        for (const auto &check : inspection.checks) {
            if (!check.passed)
                return check.name + u": "_s + check.detail;
        }
        return QString();
    };
    // SMART Backend Services assertions are signed by the same keys, with iss = sub = the
    // client id and aud = the token endpoint.
    trust.assertions = [state, jwks](const QByteArray &assertion, const QString &clientId,
                                     const QString &tokenUrl) {
        QMutexLocker lock(&state->mutex);
        state->inspector.setJwks(jwks->get());
        const auto inspection = state->inspector.inspect(assertion, {tokenUrl, clientId, 0, 30});
        if (!inspection.decoded)
            return inspection.error;
        for (const auto &check : inspection.checks) {
            if (!check.passed)
                return check.name + u": "_s + check.detail;
        }
        if (inspection.claims.value(u"sub"_s).toString() != clientId)
            return u"sub: must equal the client id '%1'"_s.arg(clientId);
        return QString();
    };
    return trust;
}

} // namespace hb::session
