#include "scenario/runner.h"

#include "ehr/actionapplier.h"
#include "ehr/feedbackpolicy.h"
#include "net/corsevaluator.h"
#include "security/faultverdict.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace hb::scenario {

double quantile(QList<double> values, double q)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(q * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

namespace {

Assertion check(const QString &name, bool passed, const QString &expected, const QString &actual,
                const QString &message)
{
    return {name, passed, expected, actual, message};
}

QRegularExpression pattern(const QString &text)
{
    return QRegularExpression(text, QRegularExpression::CaseInsensitiveOption);
}

// Resource types the service asked for with its token, from the FHIR server's audit.
QStringList readTypes(const QList<servers::AuditEntry> &reads, bool allowedOnly)
{
    QStringList types;
    for (const auto &entry : reads) {
        if (allowedOnly && (entry.status < 200 || entry.status >= 300))
            continue;
        const QStringList segments = QUrl(entry.url).path().split(u'/', Qt::SkipEmptyParts);
        for (const auto &segment : segments) {
            if (!segment.isEmpty() && segment.at(0).isUpper() && !types.contains(segment))
                types.append(segment);
        }
    }
    return types;
}

QJsonArray actionsOf(const QList<core::Action> &actions)
{
    QJsonArray array;
    for (const auto &action : actions)
        array.append(action.raw);
    return array;
}

} // namespace

QList<Assertion> evaluate(const Step &step, const CallOutcome &outcome)
{
    const Expectations &e = step.expect;
    const session::InvocationResult &r = outcome.result;
    const net::HookCallResult &call = r.call;
    QList<Assertion> out;
    const bool expectSent = e.sent.value_or(true);
    out.append(check(u"sent"_s, r.notSent != expectSent, expectSent ? u"sent"_s : u"not sent"_s,
                     r.notSent ? u"not sent"_s : u"sent"_s,
                     r.notSent ? call.error : u"the request passed Hookbench's own validator"_s));
    if (r.notSent)
        return out; // nothing else can be judged on a call that never went out
    const auto fault = step.call.jwtFault.isEmpty()
        ? security::JwtFault::None
        : security::faultFromName(step.call.jwtFault).value_or(security::JwtFault::None);
    if (e.jwtRejected || fault != security::JwtFault::None) {
        const bool wanted = e.jwtRejected.value_or(true);
        const auto verdict = security::judgeFaultResponse(fault, call.status());
        const bool rejected = verdict.severity != security::FaultVerdict::Failure;
        out.append(check(u"jwtRejected"_s, rejected == wanted,
                         wanted ? u"rejected"_s : u"accepted"_s, u"HTTP %1"_s.arg(call.status()),
                         verdict.summary));
    }
    const int wantedStatus = e.status.value_or(fault != security::JwtFault::None ? -1 : 200);
    if (wantedStatus >= 0)
        out.append(check(u"status"_s, call.status() == wantedStatus, QString::number(wantedStatus),
                         call.connected() ? QString::number(call.status()) : u"no answer"_s,
                         call.connected() ? u"HTTP status of the call"_s : call.error));
    const QList<core::Card> cards
        = call.cdsResponse ? call.cdsResponse->cards : QList<core::Card>();
    if (e.cards)
        out.append(check(u"cards"_s, e.cards->contains(cards.size()), e.cards->describe(),
                         QString::number(cards.size()), u"number of cards"_s));
    for (const auto &indicator : e.indicators) {
        const bool found = std::any_of(cards.begin(), cards.end(), [&](const core::Card &c) {
            return c.indicator == indicator;
        });
        out.append(check(u"indicator"_s, found, indicator, found ? indicator : u"none"_s,
                         u"a card with indicator %1"_s.arg(indicator)));
    }
    if (!e.summary.isEmpty()) {
        const auto re = pattern(e.summary);
        QStringList summaries;
        for (const auto &c : cards)
            summaries.append(c.summary);
        const bool found = std::any_of(summaries.begin(), summaries.end(),
                                       [&](const QString &s) { return re.match(s).hasMatch(); });
        out.append(check(u"summary"_s, found, u"/%1/"_s.arg(e.summary),
                         summaries.isEmpty() ? u"no cards"_s : summaries.join(u" | "_s),
                         u"a card summary matching the pattern"_s));
    }
    if (e.suggestion) {
        const auto re = pattern(*e.suggestion);
        QStringList labels;
        for (const auto &c : cards)
            for (const auto &s : c.suggestions)
                labels.append(s.label);
        const bool found = std::any_of(labels.begin(), labels.end(), [&](const QString &l) {
            return e.suggestion->isEmpty() || re.match(l).hasMatch();
        });
        out.append(
            check(u"suggestion"_s, found,
                  e.suggestion->isEmpty() ? u"any suggestion"_s : u"/%1/"_s.arg(*e.suggestion),
                  labels.isEmpty() ? u"no suggestions"_s : labels.join(u" | "_s),
                  u"a suggestion on some card"_s));
    }
    if (e.allowedRules) {
        QStringList errors;
        for (const auto &f : call.findings) {
            if (f.severity == core::Severity::Error && !e.allowedRules->contains(f.ruleId))
                errors.append(core::formatFinding(f));
        }
        out.append(check(u"validation"_s, errors.isEmpty(),
                         e.allowedRules->isEmpty() ? u"no errors"_s
                                                   : u"only "_s + e.allowedRules->join(u", "_s),
                         errors.isEmpty() ? u"none"_s : QString::number(errors.size()),
                         errors.isEmpty() ? u"no validation errors"_s : errors.join(u"; "_s)));
    }
    if (!e.cors.isEmpty()) {
        const QString verdict = call.cors ? net::toString(call.cors->verdict) : u"not-checked"_s;
        const bool ok = e.cors == u"ok" ? verdict.startsWith(u"pass"_s) : verdict == e.cors;
        out.append(check(u"cors"_s, ok, e.cors, verdict,
                         call.cors && call.cors->verdict == net::CorsVerdict::Fail
                             ? call.cors->chromiumMessage
                             : u"the browser's CORS verdict"_s));
    }
    if (e.p95Ms) {
        const double p95 = quantile(outcome.latenciesMs, 0.95);
        out.append(check(u"latency"_s, p95 >= 0 && p95 <= *e.p95Ms, u"p95 <= %1 ms"_s.arg(*e.p95Ms),
                         p95 < 0 ? u"no answers"_s : u"%1 ms"_s.arg(p95, 0, 'f', 1),
                         u"p95 over %1 repetition(s)"_s.arg(outcome.latenciesMs.size())));
    }
    const QStringList read = readTypes(r.serviceReads, true);
    for (const auto &type : e.read)
        out.append(check(u"read"_s, read.contains(type), type,
                         read.isEmpty() ? u"nothing"_s : read.join(u", "_s),
                         u"the service read %1 with its token"_s.arg(type)));
    const QStringList tried = readTypes(r.serviceReads, false);
    for (const auto &type : e.notRead)
        out.append(check(u"notRead"_s, !tried.contains(type), u"no "_s + type,
                         tried.isEmpty() ? u"nothing"_s : tried.join(u", "_s),
                         u"the service did not ask for %1"_s.arg(type)));
    return out;
}

ScenarioRunner::ScenarioRunner(session::Workbench *bench)
    : m_bench(bench)
{ }

ScenarioReport ScenarioRunner::run(const Scenario &scenario)
{
    ScenarioReport report;
    report.name = scenario.name;
    report.file = scenario.file;
    QElapsedTimer timer;
    timer.start();
    session::EhrState state;
    for (const auto &step : scenario.steps)
        report.steps.append(runStep(step, state));
    report.durationMs = double(timer.nsecsElapsed()) / 1e6;
    return report;
}

StepReport ScenarioRunner::runStep(const Step &step, session::EhrState &state)
{
    StepReport report;
    report.name = step.name;
    report.service = step.call.service;
    report.hook = step.call.hook;
    QElapsedTimer timer;
    timer.start();
    const net::CdsClientOptions before = m_bench->client()->options();
    const PreparedCall call = prepareCall(*m_bench, step.call, state, &m_discoveries);
    if (call.failure != SetupFailure::None) {
        report.error = call.error;
        report.assertions.append(check(u"setup"_s, false, u"a call"_s, u"none"_s, call.error));
        report.durationMs = double(timer.nsecsElapsed()) / 1e6;
        m_bench->client()->setOptions(before);
        return report;
    }
    report.hook = call.service->hook;
    m_bench->client()->setOptions(call.client);
    CallOutcome outcome;
    for (int i = 0; i < step.repeat; ++i) {
        outcome.result = m_bench->invoker()->invokeAndWait(call.discoveryUrl, *call.service,
                                                           call.state, call.invocation);
        const auto &response = outcome.result.call.response;
        if (response && response->ok() && response->timings.totalMs >= 0)
            outcome.latenciesMs.append(response->timings.totalMs);
        if (outcome.result.notSent)
            break;
    }
    m_bench->client()->setOptions(before);
    const auto &result = outcome.result;
    report.url = result.call.url.toString();
    report.status = result.call.status();
    report.cards = result.call.cdsResponse ? int(result.call.cdsResponse->cards.size()) : 0;
    report.repetitions = step.repeat;
    report.p50Ms = quantile(outcome.latenciesMs, 0.5);
    report.p95Ms = quantile(outcome.latenciesMs, 0.95);
    if (result.call.cors)
        report.cors = net::toString(result.call.cors->verdict);
    if (!result.call.error.isEmpty())
        report.error = result.call.error;
    report.assertions = evaluate(step, outcome);
    state = call.state;
    // systemActions change the draft orders as in the app (C19).
    if (result.call.cdsResponse && !result.call.cdsResponse->systemActions.isEmpty())
        (void)ehr::applyActions(state.orders, actionsOf(result.call.cdsResponse->systemActions));
    if (step.feedback)
        giveFeedback(step, call, result, state, report);
    report.durationMs = double(timer.nsecsElapsed()) / 1e6;
    return report;
}

void ScenarioRunner::giveFeedback(const Step &step, const PreparedCall &call,
                                  const session::InvocationResult &result, session::EhrState &state,
                                  StepReport &report)
{
    const FeedbackStep &f = *step.feedback;
    const bool accept = f.kind == FeedbackStep::Kind::Accept;
    const QString name = accept ? u"accept"_s : u"override"_s;
    const QList<core::Card> cards
        = result.call.cdsResponse ? result.call.cdsResponse->cards : QList<core::Card>();
    const auto cardRe = pattern(f.card);
    const auto card = std::find_if(cards.begin(), cards.end(), [&](const core::Card &c) {
        return f.card.isEmpty() || cardRe.match(c.summary).hasMatch();
    });
    if (card == cards.end()) {
        report.assertions.append(
            check(name, false, f.card.isEmpty() ? u"a card"_s : u"/%1/"_s.arg(f.card),
                  u"%1 card(s)"_s.arg(cards.size()), u"no card to give feedback on"_s));
        return;
    }
    std::optional<core::Feedback> feedback;
    QJsonObject sent;
    if (accept) {
        const auto suggestionRe = pattern(f.suggestion);
        int index = -1;
        for (int i = 0; i < card->suggestions.size() && index < 0; ++i) {
            if (f.suggestion.isEmpty()
                || suggestionRe.match(card->suggestions.at(i).label).hasMatch())
                index = i;
        }
        if (index < 0) {
            report.assertions.append(check(name, false, u"/%1/"_s.arg(f.suggestion),
                                           u"%1 suggestion(s)"_s.arg(card->suggestions.size()),
                                           u"no such suggestion on '%1'"_s.arg(card->summary)));
            return;
        }
        const auto applied
            = ehr::applyActions(state.orders, actionsOf(card->suggestions.at(index).actions));
        report.assertions.append(
            check(u"applied"_s, applied.ok, u"applied"_s, applied.ok ? u"applied"_s : u"refused"_s,
                  applied.ok ? applied.applied.join(u"; "_s) : applied.problems.join(u"; "_s)));
        feedback = ehr::feedbackForAcceptance(*card, index);
    } else {
        int reasonIndex = -1;
        for (int i = 0; i < card->overrideReasons.size(); ++i) {
            if (card->overrideReasons.at(i).code == f.reason)
                reasonIndex = i;
        }
        feedback = ehr::feedbackForDismissal(*card, reasonIndex, f.comment);
        if (feedback && reasonIndex < 0 && !f.reason.isEmpty()) {
            core::OverrideReason reason;
            reason.reason = core::Coding {f.reason, {}, {}};
            reason.userComment = f.comment;
            feedback->overrideReason = reason;
        }
    }
    if (!feedback) {
        report.assertions.append(
            check(name, false, u"feedback"_s, u"none"_s,
                  u"the card (or suggestion) has no uuid, so no feedback can name it (C21)"_s));
        return;
    }
    m_bench->client()->setOptions(clientOptionsFor(step.call, m_bench->client()->options()));
    const auto answer
        = m_bench->client()->sendFeedbackAndWait(call.discoveryUrl, call.service->id, {*feedback});
    const int status = answer.status();
    report.feedback = QJsonObject {{u"sent"_s, core::feedbackBody({*feedback})},
                                   {u"status"_s, status},
                                   {u"url"_s, answer.url.toString()}};
    report.assertions.append(check(
        u"feedback"_s,
        status >= 200 && status<300, u"2xx"_s, status> 0 ? QString::number(status) : answer.error,
        u"the feedback endpoint accepted the %1"_s.arg(name)));
}

} // namespace hb::scenario
