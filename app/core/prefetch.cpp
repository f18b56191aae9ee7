// Prefetch template parsing and token resolution (C8, V25).
#include "core/prefetch.h"
#include "core/hooks.h"
#include "core/numbers.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

#include <optional>

using namespace Qt::StringLiterals;

namespace hb::core {

namespace {

TokenKind classify(const QString &expression)
{
    static const QRegularExpression field(u"^context\\.([A-Za-z_][A-Za-z0-9_-]*)$"_s);
    static const QRegularExpression today(u"^today\\(\\)(\\s*[-+]\\s*\\d+\\s+days?)?$"_s);
    if (field.match(expression).hasMatch())
        return TokenKind::ContextField;
    if (expression == u"userPractitionerId")
        return TokenKind::UserPractitionerId;
    if (expression == u"userPractitionerRoleId")
        return TokenKind::UserPractitionerRoleId;
    if (expression == u"userPatientId")
        return TokenKind::UserPatientId;
    if (expression == u"userRelatedPersonId")
        return TokenKind::UserRelatedPersonId;
    if (today.match(expression).hasMatch())
        return TokenKind::Today;
    if (expression.startsWith(u'%'))
        return TokenKind::PrefetchVariable;
    if (expression.startsWith(u"context."_s))
        return TokenKind::ContextPath;
    return TokenKind::Unknown;
}

// Percent-encodes a token value: in the query every reserved character; in the path "/" stays
// so whole references ("Practitioner/1") keep working as reads. Lists stay comma-joined.
QString encodeValues(const QStringList &values, bool inQuery)
{
    QStringList encoded;
    for (const QString &value : values)
        encoded.append(QString::fromLatin1(
            QUrl::toPercentEncoding(value, inQuery ? QByteArray() : QByteArray("/"))));
    return encoded.join(u',');
}

QString primitiveText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble()) {
        const double number = value.toDouble();
        return number == static_cast<double>(value.toInteger()) ? QString::number(value.toInteger())
                                                                : QString::number(number, 'g', 17);
    }
    return {};
}

struct TokenValue
{
    QStringList values;
    std::optional<PrefetchOmitted> problem;
};

PrefetchOmitted omit(OmitReason reason, const QString &message)
{
    return PrefetchOmitted {reason, message};
}

TokenValue contextFieldValue(const QString &name, const QString &hook, const QJsonObject &context)
{
    const HookDefinition definition = hookDefinition(hook);
    const ContextField *field = definition.field(name);
    if (field && !field->prefetchToken)
        return {{},
                omit(OmitReason::NotAToken,
                     u"%1 marks context.%2 \"Prefetch Token: No\""_s.arg(hook, name))};
    const QJsonValue value = context.value(name);
    if (value.isUndefined() || value.isNull())
        return {{}, omit(OmitReason::AbsentValue, u"context.%1 is absent"_s.arg(name))};
    if (value.isArray()) {
        // A tokenizable array (order-dispatch's dispatchedOrders): comma-joined, as 3.0 does.
        QStringList items;
        for (const QJsonValue &item : value.toArray()) {
            if (item.isObject() || item.isArray())
                return {{},
                        omit(OmitReason::NotAToken,
                             u"context.%1 is not a list of primitives"_s.arg(name))};
            items.append(primitiveText(item));
        }
        if (items.isEmpty())
            return {{}, omit(OmitReason::AbsentValue, u"context.%1 is empty"_s.arg(name))};
        return {items, {}};
    }
    if (value.isObject())
        return {{},
                omit(OmitReason::NotAToken,
                     u"context.%1 is an object; only primitive fields are tokens"_s.arg(name))};
    const QString text = primitiveText(value);
    if (text.isEmpty())
        return {{}, omit(OmitReason::AbsentValue, u"context.%1 is empty"_s.arg(name))};
    return {{text}, {}};
}

TokenValue todayValue(const QString &expression, const QDate &today)
{
    static const QRegularExpression offset(u"([-+])\\s*(\\d+)"_s);
    QDate date = today.isValid() ? today : QDate::currentDate();
    const QRegularExpressionMatch match = offset.match(expression);
    if (match.hasMatch()) {
        const qint64 days = match.captured(2).toLongLong();
        date = date.addDays(match.captured(1) == u"-" ? -days : days);
    }
    if (!date.isValid() || date.year() < 1 || date.year() > 9999)
        return {
            {},
            omit(OmitReason::UnsupportedToken, u"{{%1}} leaves the calendar"_s.arg(expression))};
    return {{date.toString(Qt::ISODate)}, {}};
}

TokenValue userValue(const QString &value, const QString &token)
{
    if (value.isEmpty())
        return {
            {},
            omit(OmitReason::AbsentValue, u"{{%1}}: the current user has no such id"_s.arg(token))};
    return {{value}, {}};
}

TokenValue resolveToken(const PrefetchToken &token, const QString &hook, const QJsonObject &context,
                        const PrefetchUser &user, const PrefetchOptions &options)
{
    if (token.requiresBallot3() && !options.ballot3Extras && token.kind != TokenKind::Unknown)
        return {
            {},
            omit(OmitReason::NeedsBallot3,
                 u"{{%1}} needs the CDS Hooks 3.0-ballot token extras"_s.arg(token.expression))};
    switch (token.kind) {
    case TokenKind::ContextField:
        return contextFieldValue(token.expression.mid(8), hook, context);
    case TokenKind::UserPractitionerId:
        return userValue(user.practitionerId, token.expression);
    case TokenKind::UserPractitionerRoleId:
        return userValue(user.practitionerRoleId, token.expression);
    case TokenKind::UserPatientId:
        return userValue(user.patientId, token.expression);
    case TokenKind::UserRelatedPersonId:
        return userValue(user.relatedPersonId, token.expression);
    case TokenKind::Today:
        return todayValue(token.expression, options.today);
    case TokenKind::ContextPath:
    case TokenKind::PrefetchVariable: {
        if (token.kind == TokenKind::PrefetchVariable) {
            const QString key = token.expression.mid(1).section(u'.', 0, 0);
            if (!options.prefetchResults.contains(key))
                return {{},
                        omit(OmitReason::AbsentValue,
                             u"{{%1}} needs the result of prefetch key \"%2\" first"_s.arg(
                                 token.expression, key))};
        }
        bool ok = false;
        const QStringList values
            = evaluatePrefetchPath(token.expression, context, options.prefetchResults, &ok);
        if (!ok)
            return {{},
                    omit(OmitReason::UnsupportedToken,
                         u"{{%1}} is not a supported path"_s.arg(token.expression))};
        if (values.isEmpty())
            return {
                {},
                omit(OmitReason::AbsentValue, u"{{%1}} selects nothing"_s.arg(token.expression))};
        return {values, {}};
    }
    case TokenKind::Unknown:
        break;
    }
    return {{},
            omit(OmitReason::UnsupportedToken,
                 u"{{%1}} is not a CDS Hooks prefetch token"_s.arg(token.expression))};
}

} // namespace

bool PrefetchToken::requiresBallot3() const
{
    return kind == TokenKind::Today || kind == TokenKind::ContextPath
        || kind == TokenKind::PrefetchVariable;
}

PrefetchUser PrefetchUser::fromUserId(const QString &userId)
{
    PrefetchUser user;
    const QString type = userId.section(u'/', 0, 0);
    const QString id = userId.section(u'/', 1);
    if (id.isEmpty())
        return user;
    if (type == u"Practitioner")
        user.practitionerId = id;
    else if (type == u"PractitionerRole")
        user.practitionerRoleId = id;
    else if (type == u"Patient")
        user.patientId = id;
    else if (type == u"RelatedPerson")
        user.relatedPersonId = id;
    return user;
}

ParsedTemplate parsePrefetchTemplate(const QString &templateText)
{
    ParsedTemplate parsed;
    qsizetype from = 0;
    while (true) {
        const qsizetype open = templateText.indexOf(u"{{"_s, from);
        const qsizetype stray = templateText.indexOf(u"}}"_s, from);
        if (open < 0) {
            if (stray >= 0)
                parsed.error
                    = u"\"}}\" at offset %1 has no matching \"{{\""_s.arg(groupedNumber(stray));
            break;
        }
        const qsizetype close = templateText.indexOf(u"}}"_s, open + 2);
        if (close < 0 || (stray >= 0 && stray < open)) {
            parsed.error = u"unbalanced \"{{\"/\"}}\" at offset %1"_s.arg(
                groupedNumber(close < 0 ? open : stray));
            break;
        }
        PrefetchToken token;
        token.expression = templateText.mid(open + 2, close - open - 2).trimmed();
        token.start = open;
        token.length = close + 2 - open;
        token.kind = classify(token.expression);
        parsed.tokens.append(token);
        from = close + 2;
    }
    const QString path = templateText.section(u'?', 0, 0);
    const bool wholeToken = parsed.tokens.size() == 1 && parsed.tokens.first().start == 0
        && parsed.tokens.first().length == templateText.size();
    parsed.isRead = !templateText.contains(u'?') && (wholeToken || path.count(u'/') == 1);
    return parsed;
}

QList<PrefetchPlanEntry> planPrefetch(const QMap<QString, QString> &templates, const QString &hook,
                                      const QJsonObject &context, const PrefetchUser &user,
                                      const PrefetchOptions &options)
{
    QList<PrefetchPlanEntry> plan;
    for (auto it = templates.cbegin(); it != templates.cend(); ++it) {
        PrefetchPlanEntry entry {it.key(), it.value(), PrefetchOmitted {}};
        if (options.mode == PrefetchMode::None) {
            entry.outcome = omit(OmitReason::ModeNone, u"prefetch mode is none"_s);
        } else if (options.mode == PrefetchMode::Chosen && !options.chosenKeys.contains(it.key())) {
            entry.outcome = omit(OmitReason::NotChosen, u"key not chosen for this call"_s);
        } else {
            const ParsedTemplate parsed = parsePrefetchTemplate(it.value());
            std::optional<PrefetchOmitted> problem;
            if (!parsed.error.isEmpty())
                problem = omit(OmitReason::InvalidTemplate, parsed.error);
            QString query = it.value();
            // Replace from the end so earlier offsets stay valid.
            for (qsizetype i = parsed.tokens.size() - 1; i >= 0 && !problem; --i) {
                const PrefetchToken &token = parsed.tokens.at(i);
                const TokenValue value = resolveToken(token, hook, context, user, options);
                if (value.problem) {
                    problem = value.problem;
                    break;
                }
                const bool inQuery = it.value().left(token.start).contains(u'?');
                query.replace(token.start, token.length, encodeValues(value.values, inQuery));
            }
            if (problem)
                entry.outcome = *problem;
            else
                entry.outcome = PrefetchResolved {query, parsed.isRead};
        }
        plan.append(entry);
    }
    return plan;
}

} // namespace hb::core
