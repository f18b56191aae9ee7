#include "enginecorscheck.h"

#include "gui.h"

#include <QPointer>

using namespace Qt::StringLiterals;
using namespace hb::net;

EngineCorsCheck::EngineCorsCheck(QObject *parent)
    : EngineCorsCheck(Gui::instance().context, parent)
{ }

EngineCorsCheck::EngineCorsCheck(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(EngineTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (!m_engine.finished)
            engineFailed(
                u"no answer from the engine's page within %1 s"_s.arg(EngineTimeoutMs / 1000));
    });
}

void EngineCorsCheck::fail(const QString &error)
{
    m_state = u"error"_s;
    m_error = error;
    m_timeout.stop();
    Q_EMIT changed();
}

void EngineCorsCheck::start(qint64 exchangeId)
{
    ++m_run;
    m_request.reset();
    m_script.clear();
    m_hookbench.reset();
    m_engine = {};
    m_engineFailure.clear();
    m_compared = false;
    m_comparison = {};
    m_error.clear();
    auto *workbench = m_context.workbench();
    if (!workbench || !m_context.isRunning())
        return fail(u"Hookbench is not running."_s);
    const auto exchange = workbench->log()->exchange(quint64(exchangeId));
    if (!exchange)
        return fail(u"Exchange #%1 is no longer in the log."_s.arg(exchangeId));
    // A preflight stands for the call after it (whose relatedId is the preflight's id).
    std::optional<Exchange> actual;
    if (exchange->kind == u"preflight") {
        for (const auto &other : workbench->log()->exchanges()) {
            if (other.relatedId == exchange->id && other.kind != u"preflight") {
                actual = other;
                break;
            }
        }
    }
    const auto &cors = m_context.workspace().cors;
    const QString origin = cors.mode == u"off" ? QString() : cors.origin;
    QString why;
    m_request = engineCheckRequestFor(*exchange, origin, actual ? &*actual : nullptr, &why);
    if (!m_request)
        return fail(why);
    m_script = engineCheckScript(*m_request);
    m_state = u"running"_s;
    m_timeout.start();
    Q_EMIT changed();

    // Hookbench's side: a fresh probe of the same call, at the same moment as the engine's.
    auto probe = std::make_shared<CorsProbe>(workbench->transport());
    const int run = m_run;
    QPointer<EngineCorsCheck> self(this);
    probe->run(corsProbeRequestFor(*m_request), [self, run, probe](const CorsProbeResult &result) {
        if (!self || self->m_run != run)
            return;
        self->m_hookbench = result.evaluation;
        Q_EMIT self->changed();
        self->compareWhenBothDone();
    });
}

void EngineCorsCheck::consoleMessage(int level, const QString &message)
{
    if (m_state != u"running" || m_engine.finished)
        return;
    addConsoleMessage(m_engine, ConsoleLevel(std::clamp(level, 0, 2)), message);
    Q_EMIT changed();
    compareWhenBothDone();
}

void EngineCorsCheck::setUserAgent(const QString &userAgent)
{
    m_chromiumVersion = chromiumVersionFromUserAgent(userAgent);
    Q_EMIT changed();
}

void EngineCorsCheck::engineFailed(const QString &reason)
{
    if (m_state != u"running" || m_engine.finished)
        return;
    m_engineFailure = reason;
    m_engine.finished = false;
    m_timeout.stop();
    Q_EMIT changed();
    compareWhenBothDone();
}

void EngineCorsCheck::compareWhenBothDone()
{
    const bool engineDone = m_engine.finished || !m_engineFailure.isEmpty();
    if (!m_hookbench || !engineDone || m_compared)
        return;
    m_timeout.stop();
    m_comparison = compareWithEngine(*m_hookbench, m_engine);
    if (!m_engineFailure.isEmpty())
        m_comparison.summary
            = u"The engine gave no verdict (%1), so nothing was compared."_s.arg(m_engineFailure);
    m_compared = m_engine.finished;
    m_state = u"done"_s;
    Q_EMIT changed();
}

QString EngineCorsCheck::requestLine() const
{
    if (!m_request)
        return {};
    return u"%1 %2 from a page at %3"_s.arg(QString::fromLatin1(m_request->method),
                                            m_request->url.toString(), m_request->origin);
}

QVariantMap EngineCorsCheck::hookbench() const
{
    if (!m_hookbench)
        return {{u"done"_s, false}};
    const CorsEvaluation &e = *m_hookbench;
    QStringList warnings;
    for (const auto &warning : e.warnings)
        warnings << warning.message;
    return {{u"warnings"_s, warnings},
            {u"done"_s, true},
            {u"verdict"_s, toString(e.verdict)},
            {u"blocked"_s, e.verdict == CorsVerdict::Fail},
            {u"stage"_s, toString(e.stage)},
            {u"message"_s, e.chromiumMessage},
            {u"hint"_s, e.hint}};
}

QVariantMap EngineCorsCheck::engine() const
{
    QVariantMap map {{u"done"_s, m_engine.finished},
                     {u"failure"_s, m_engineFailure},
                     {u"errors"_s, m_engine.errors},
                     {u"console"_s, m_engine.console}};
    if (m_engine.finished) {
        map.insert(u"verdict"_s, m_engine.passed ? u"pass"_s : u"fail"_s);
        map.insert(u"blocked"_s, !m_engine.passed);
        map.insert(u"status"_s, m_engine.status);
    }
    return map;
}
