#include "scenario/scenario.h"

#include "core/json.h"
#include "scenario/workspacecall.h"
#include "storage/workspacefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::scenario {

QString CountRange::describe() const
{
    if (max == min)
        return QString::number(min);
    if (max < 0)
        return u"at least %1"_s.arg(min);
    return u"%1 to %2"_s.arg(min).arg(max);
}

std::optional<QJsonObject> readJsonObjectFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    constexpr qint64 cap = 4 * 1024 * 1024;
    const QByteArray bytes = file.read(cap + 1);
    if (bytes.size() > cap) {
        *error = u"%1: larger than 4 MiB"_s.arg(path);
        return std::nullopt;
    }
    const core::JsonParseResult parsed = core::parseJsonObject(bytes);
    if (!parsed.ok()) {
        *error = u"%1: %2"_s.arg(path, parsed.error);
        return std::nullopt;
    }
    return parsed.object;
}

namespace {

// Reads members of one JSON object, reporting wrong types and unknown members with pointers.
class Reader
{
public:
    Reader(const QJsonObject &object, QString pointer, QStringList *problems)
        : m_object(object)
        , m_pointer(std::move(pointer))
        , m_problems(problems)
    { }

    QString at(const QString &key) const { return m_pointer + u'/' + key; }
    void problem(const QString &key, const QString &message) const
    {
        m_problems->append(u"%1: %2"_s.arg(key.isEmpty() ? m_pointer : at(key), message));
    }
    bool has(const QString &key)
    {
        m_seen.append(key);
        return m_object.contains(key);
    }
    QJsonValue value(const QString &key) const { return m_object.value(key); }

    QString string(const QString &key, const QString &fallback = {})
    {
        if (!has(key))
            return fallback;
        if (!value(key).isString()) {
            problem(key, u"must be a string"_s);
            return fallback;
        }
        return value(key).toString();
    }
    std::optional<int> integer(const QString &key, int min)
    {
        if (!has(key))
            return std::nullopt;
        const QJsonValue v = value(key);
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < min) {
            problem(key, u"must be an integer of at least %1"_s.arg(min));
            return std::nullopt;
        }
        return v.toInt();
    }
    std::optional<bool> boolean(const QString &key)
    {
        if (!has(key))
            return std::nullopt;
        if (!value(key).isBool()) {
            problem(key, u"must be true or false"_s);
            return std::nullopt;
        }
        return value(key).toBool();
    }
    std::optional<QStringList> strings(const QString &key)
    {
        if (!has(key))
            return std::nullopt;
        QStringList out;
        const QJsonValue v = value(key);
        bool ok = v.isArray();
        for (const auto &item : v.toArray()) {
            ok = ok && item.isString();
            out.append(item.toString());
        }
        if (!ok) {
            problem(key, u"must be an array of strings"_s);
            return std::nullopt;
        }
        return out;
    }
    std::optional<QJsonObject> object(const QString &key)
    {
        if (!has(key))
            return std::nullopt;
        if (!value(key).isObject()) {
            problem(key, u"must be an object"_s);
            return std::nullopt;
        }
        return value(key).toObject();
    }
    QString regex(const QString &key)
    {
        const QString pattern = string(key);
        if (!pattern.isEmpty() && !QRegularExpression(pattern).isValid())
            problem(key,
                    u"is not a valid regular expression: "_s
                        + QRegularExpression(pattern).errorString());
        return pattern;
    }
    void rejectUnknown() const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!m_seen.contains(it.key()))
                problem(it.key(), u"unknown member"_s);
        }
    }

private:
    QJsonObject m_object;
    QString m_pointer;
    QStringList *m_problems;
    QStringList m_seen;
};

QString resolvePath(const QString &baseDir, const QString &path)
{
    return QFileInfo(path).isAbsolute() ? path : QDir(baseDir).filePath(path);
}

void readCall(Reader &r, const QString &baseDir, CallSpec &call)
{
    call.discovery = r.string(u"discovery"_s);
    call.service = r.string(u"service"_s);
    call.hook = r.string(u"hook"_s);
    call.patient = r.string(u"patient"_s);
    call.user = r.string(u"user"_s);
    call.encounter = r.string(u"encounter"_s);
    if (const auto codes = r.strings(u"orders"_s))
        call.orderCodes = *codes;
    call.selections = r.strings(u"selections"_s);
    if (const auto bundle = r.object(u"draftOrders"_s))
        call.draftOrders = *bundle;
    if (const QString file = r.string(u"draftOrdersFile"_s); !file.isEmpty()) {
        QString error;
        if (const auto bundle = readJsonObjectFile(resolvePath(baseDir, file), &error))
            call.draftOrders = *bundle;
        else
            r.problem(u"draftOrdersFile"_s, error);
    }
    if (call.draftOrders && call.draftOrders->value(u"resourceType"_s) != u"Bundle"_s)
        r.problem(u"draftOrders"_s, u"must be a FHIR Bundle"_s);
    if (const auto context = r.object(u"context"_s))
        call.context = *context;
    if (const QString file = r.string(u"contextFile"_s); !file.isEmpty()) {
        QString error;
        if (const auto object = readJsonObjectFile(resolvePath(baseDir, file), &error))
            call.context
                = object->contains(u"context"_s) ? object->value(u"context"_s).toObject() : *object;
        else
            r.problem(u"contextFile"_s, error);
    }
    call.fhir = r.string(u"fhir"_s, call.fhir);
    call.prefetch = r.string(u"prefetch"_s, call.prefetch);
    call.accessToken = r.string(u"accessToken"_s, call.accessToken);
    call.jwtFault = r.string(u"jwtFault"_s);
    call.origin = r.string(u"origin"_s, call.origin);
    if (call.origin == u"none")
        call.cors = false;
    if (const auto cors = r.boolean(u"cors"_s))
        call.cors = *cors;
    if (const auto allow = r.boolean(u"allowInvalidRequest"_s))
        call.allowInvalidRequest = *allow;
    if (const auto timeout = r.integer(u"timeoutMs"_s, 1))
        call.timeoutMs = *timeout;
    if (call.discovery.isEmpty())
        r.problem(u"discovery"_s, u"is required"_s);
    if (call.service.isEmpty())
        r.problem(u"service"_s, u"is required"_s);
}

void readExpect(Reader &r, Expectations &e)
{
    e.sent = r.boolean(u"sent"_s);
    e.status = r.integer(u"status"_s, 0);
    if (r.has(u"cards"_s)) {
        const QJsonValue v = r.value(u"cards"_s);
        if (v.isDouble() && v.toInt() >= 0) {
            e.cards = CountRange {v.toInt(), v.toInt()};
        } else if (v.isObject()) {
            const QJsonObject o = v.toObject();
            e.cards = CountRange {o.value(u"min"_s).toInt(0), o.value(u"max"_s).toInt(-1)};
        } else {
            r.problem(u"cards"_s, u"must be a count or {\"min\": N, \"max\": M}"_s);
        }
    }
    if (const auto indicators = r.strings(u"indicators"_s)) {
        for (const auto &i : *indicators) {
            if (!QStringList {u"info"_s, u"warning"_s, u"critical"_s}.contains(i))
                r.problem(u"indicators"_s, u"'%1' is not info, warning or critical"_s.arg(i));
        }
        e.indicators = *indicators;
    }
    e.summary = r.regex(u"summary"_s);
    if (r.has(u"suggestion"_s)) {
        const QJsonValue v = r.value(u"suggestion"_s);
        if (v.isBool() && v.toBool())
            e.suggestion = QString();
        else if (v.isString())
            e.suggestion = r.regex(u"suggestion"_s);
        else
            r.problem(u"suggestion"_s, u"must be true or a regular expression"_s);
    }
    if (r.has(u"validation"_s)) {
        const QJsonValue v = r.value(u"validation"_s);
        if (v == QJsonValue(u"clean"_s))
            e.allowedRules = QStringList();
        else if (v.isObject())
            e.allowedRules = v.toObject().value(u"allow"_s).toVariant().toStringList();
        else
            r.problem(u"validation"_s, u"must be \"clean\" or {\"allow\": [rule ids]}"_s);
    }
    e.cors = r.string(u"cors"_s);
    if (!e.cors.isEmpty()
        && !QStringList {u"pass"_s, u"pass-with-warning"_s, u"fail"_s, u"ok"_s, u"not-checked"_s}
                .contains(e.cors))
        r.problem(u"cors"_s, u"must be pass, pass-with-warning, fail, ok or not-checked"_s);
    if (const auto latency = r.object(u"latency"_s)) {
        const QJsonValue p95 = latency->value(u"p95Ms"_s);
        if (!p95.isDouble() || p95.toDouble() <= 0)
            r.problem(u"latency"_s, u"needs p95Ms, a positive number of milliseconds"_s);
        else
            e.p95Ms = p95.toDouble();
    }
    e.jwtRejected = r.boolean(u"jwtRejected"_s);
    if (const auto read = r.strings(u"read"_s))
        e.read = *read;
    if (const auto notRead = r.strings(u"notRead"_s))
        e.notRead = *notRead;
    r.rejectUnknown();
}

std::optional<FeedbackStep> readFeedback(Reader &step)
{
    const bool accept = step.has(u"accept"_s);
    const bool override_ = step.has(u"override"_s);
    if (!accept && !override_)
        return std::nullopt;
    if (accept && override_) {
        step.problem(u"override"_s, u"a step either accepts or overrides, not both"_s);
        return std::nullopt;
    }
    const QString key = accept ? u"accept"_s : u"override"_s;
    const auto object = step.object(key);
    if (!object)
        return std::nullopt;
    FeedbackStep out;
    out.kind = accept ? FeedbackStep::Kind::Accept : FeedbackStep::Kind::Override;
    return out;
}

} // namespace

std::optional<Scenario> parseScenario(const QJsonObject &json, const QString &baseDir,
                                      QStringList *problems, const storage::Workspace *workspace)
{
    const qsizetype before = problems->size();
    Scenario scenario;
    Reader top(json, QString(), problems);
    top.string(u"$schema"_s);
    scenario.name = top.string(u"name"_s);
    scenario.description = top.string(u"description"_s);
    std::optional<storage::Workspace> own;
    if (const QString ws = top.string(u"workspace"_s); !ws.isEmpty()) {
        scenario.workspace = resolvePath(baseDir, ws);
        const storage::WorkspaceLoad loaded = storage::loadWorkspace(scenario.workspace);
        if (!loaded.workspace || loaded.fromBackup)
            top.problem(u"workspace"_s, loaded.error);
        else
            own = loaded.workspace;
    }
    if (own)
        workspace = &*own;
    if (scenario.name.isEmpty())
        top.problem(u"name"_s, u"is required"_s);
    // Defaults every step inherits (a step's own members win).
    const QJsonObject defaults = top.object(u"defaults"_s).value_or(QJsonObject());
    const QJsonValue stepsValue = top.value(u"steps"_s);
    top.has(u"steps"_s);
    if (!stepsValue.isArray() || stepsValue.toArray().isEmpty())
        top.problem(u"steps"_s, u"must be a non-empty array of steps"_s);
    top.rejectUnknown();
    const QJsonArray steps = stepsValue.toArray();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString pointer = u"/steps/%1"_s.arg(i);
        if (!steps.at(i).isObject()) {
            problems->append(pointer + u": must be an object"_s);
            continue;
        }
        QJsonObject merged = defaults;
        const QJsonObject stepJson = steps.at(i).toObject();
        for (auto it = stepJson.begin(); it != stepJson.end(); ++it)
            merged.insert(it.key(), it.value());
        if (workspace) {
            const QJsonObject given = workspaceFields(
                *workspace, merged.value(u"discovery"_s).toString(),
                merged.value(u"service"_s).toString(), merged.value(u"hook"_s).toString());
            // "origin" and "cors" are one setting; the step's wins as a whole.
            const bool corsSet = merged.contains(u"origin"_s) || merged.contains(u"cors"_s);
            for (auto it = given.begin(); it != given.end(); ++it) {
                const bool corsKey = it.key() == u"origin" || it.key() == u"cors";
                if (!merged.contains(it.key()) && !(corsKey && corsSet))
                    merged.insert(it.key(), it.value());
            }
        }
        Reader r(merged, pointer, problems);
        Step step;
        step.name = r.string(u"name"_s, u"step %1"_s.arg(i + 1));
        readCall(r, baseDir, step.call);
        if (const auto repeat = r.integer(u"repeat"_s, 1))
            step.repeat = std::min(*repeat, 10000);
        if (const auto expect = r.object(u"expect"_s)) {
            Reader e(*expect, pointer + u"/expect"_s, problems);
            readExpect(e, step.expect);
        }
        step.feedback = readFeedback(r);
        if (step.feedback) {
            const QString key
                = step.feedback->kind == FeedbackStep::Kind::Accept ? u"accept"_s : u"override"_s;
            Reader f(r.value(key).toObject(), pointer + u'/' + key, problems);
            step.feedback->card = f.regex(u"card"_s);
            if (step.feedback->kind == FeedbackStep::Kind::Accept)
                step.feedback->suggestion = f.regex(u"suggestion"_s);
            else {
                step.feedback->reason = f.string(u"reason"_s);
                step.feedback->comment = f.string(u"comment"_s);
            }
            f.rejectUnknown();
        }
        r.rejectUnknown();
        if (const QString problem = checkSpec(step.call);
            !problem.isEmpty() && !step.call.discovery.isEmpty() && !step.call.service.isEmpty())
            problems->append(pointer + u": "_s + problem);
        scenario.steps.append(step);
    }
    if (problems->size() > before)
        return std::nullopt;
    return scenario;
}

std::optional<Scenario> loadScenario(const QString &path, QStringList *problems,
                                     const storage::Workspace *workspace)
{
    QString error;
    const auto json = readJsonObjectFile(path, &error);
    if (!json) {
        problems->append(error);
        return std::nullopt;
    }
    QStringList found;
    auto scenario = parseScenario(*json, QFileInfo(path).absolutePath(), &found, workspace);
    for (const auto &p : found)
        problems->append(path + u": "_s + p);
    if (scenario)
        scenario->file = path;
    return scenario;
}

} // namespace hb::scenario
