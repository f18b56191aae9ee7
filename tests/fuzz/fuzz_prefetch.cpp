// The prefetch template engine: input = one template per line, then a line "---", then the
// context as JSON. Templates are planned, validated, and paths evaluated against the context.
#include "core/json.h"
#include "core/prefetch.h"
#include "core/validator.h"

#include <QByteArray>
#include <QMap>
#include <QString>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype split = bytes.indexOf("\n---\n");
    const QString templatesText = QString::fromUtf8(split < 0 ? bytes : bytes.left(split));
    const QByteArray contextBytes = split < 0 ? QByteArray("{}") : bytes.mid(split + 5);
    const auto context = hb::core::parseJsonObject(contextBytes).object;

    QMap<QString, QString> templates;
    int n = 0;
    for (const QString &line : templatesText.split(u'\n')) {
        if (n > 32)
            break;
        templates.insert(QString::number(n++), line);
        (void)hb::core::parsePrefetchTemplate(line);
        (void)hb::core::validatePrefetchTemplate(line, QStringLiteral("patient-view"),
                                                 QStringLiteral("/prefetch/x"));
        bool ok = false;
        (void)hb::core::evaluateContextPath(line, context, &ok);
        (void)hb::core::evaluatePrefetchPath(line, context, context, &ok);
    }
    hb::core::PrefetchUser user;
    for (const char *hook : {"patient-view", "order-select", "order-sign", "encounter-start"})
        (void)hb::core::planPrefetch(templates, QString::fromLatin1(hook), context, user);
    return 0;
}
