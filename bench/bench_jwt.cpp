// Client JWT signatures per second (security::ClientJwtSigner::sign: header and claims as JSON,
// base64url, SHA-384 and the signature, a fresh jti each), for the ES384 and RS384 keys the key
// store makes (P-384, RSA 3072). bench/run sets this beside `openssl speed` for the same curve
// and key size. Prints one JSON line {"ES384": per second, "RS384": per second}.
// Usage: bench_jwt [--seconds S]   (HOOKBENCH_HOME must point at a scratch folder)
#include "security/clientjwt.h"
#include "security/keystore.h"
#include "storage/paths.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;
using hb::security::KeyAlgorithm;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = std::max(0.1, app.arguments().value(2, u"1"_s).toDouble());
    hb::security::KeyStore store(hb::storage::homePath(u"keys"_s));
    QJsonObject out;
    for (const KeyAlgorithm algorithm : {KeyAlgorithm::ES384, KeyAlgorithm::RS384}) {
        QString error;
        if (store.generate(algorithm, &error).isEmpty()) {
            std::fprintf(stderr, "bench_jwt: %s\n", qPrintable(error));
            return 1;
        }
        hb::security::ClientJwtOptions options;
        options.algorithm = algorithm;
        options.jku = QUrl(u"http://127.0.0.1:8080/.well-known/jwks.json"_s);
        hb::security::ClientJwtSigner signer(store, options);
        const QString audience = u"http://127.0.0.1:8080/cds-services/patient-greeting"_s;
        QElapsedTimer timer;
        timer.start();
        qint64 count = 0;
        while (timer.nsecsElapsed() < qint64(seconds * 1e9)) {
            const auto jwt = signer.sign(audience);
            if (!jwt.ok()) {
                std::fprintf(stderr, "bench_jwt: %s\n", qPrintable(jwt.error));
                return 1;
            }
            ++count;
        }
        out.insert(hb::security::algorithmName(algorithm),
                   double(count) * 1e9 / double(timer.nsecsElapsed()));
    }
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
