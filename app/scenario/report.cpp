#include "scenario/report.h"

#include <QJsonArray>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace hb::scenario {

bool StepReport::passed() const
{
    if (!error.isEmpty() && assertions.isEmpty())
        return false;
    return std::all_of(assertions.begin(), assertions.end(),
                       [](const Assertion &a) { return a.passed; });
}

bool ScenarioReport::passed() const
{
    return error.isEmpty() && !steps.isEmpty()
        && std::all_of(steps.begin(), steps.end(), [](const StepReport &s) { return s.passed(); });
}

namespace {

QJsonObject assertionToJson(const Assertion &a)
{
    QJsonObject o {{u"name"_s, a.name}, {u"passed"_s, a.passed}};
    if (!a.expected.isEmpty())
        o.insert(u"expected"_s, a.expected);
    if (!a.actual.isEmpty())
        o.insert(u"actual"_s, a.actual);
    if (!a.message.isEmpty())
        o.insert(u"message"_s, a.message);
    return o;
}

QJsonObject stepToJson(const StepReport &s)
{
    QJsonArray assertions;
    for (const auto &a : s.assertions)
        assertions.append(assertionToJson(a));
    QJsonObject o {{u"name"_s, s.name},
                   {u"passed"_s, s.passed()},
                   {u"service"_s, s.service},
                   {u"hook"_s, s.hook},
                   {u"url"_s, s.url},
                   {u"status"_s, s.status},
                   {u"cards"_s, s.cards},
                   {u"repetitions"_s, s.repetitions},
                   {u"durationMs"_s, s.durationMs},
                   {u"assertions"_s, assertions}};
    if (s.p50Ms >= 0) {
        o.insert(u"p50Ms"_s, s.p50Ms);
        o.insert(u"p95Ms"_s, s.p95Ms);
    }
    if (!s.cors.isEmpty())
        o.insert(u"cors"_s, s.cors);
    if (!s.error.isEmpty())
        o.insert(u"error"_s, s.error);
    if (!s.feedback.isEmpty())
        o.insert(u"feedback"_s, s.feedback);
    return o;
}

// One failure text for a step: the failed assertions, or the setup error.
QStringList failuresOf(const StepReport &s)
{
    QStringList out;
    if (!s.error.isEmpty())
        out.append(s.error);
    for (const auto &a : s.assertions) {
        if (a.passed)
            continue;
        QString line = a.name + u": "_s + a.message;
        if (!a.expected.isEmpty() || !a.actual.isEmpty())
            line += u" (expected %1, got %2)"_s.arg(a.expected, a.actual);
        out.append(line);
    }
    return out;
}

QString seconds(double ms)
{
    return QString::number(ms / 1000.0, 'f', 3);
}

} // namespace

QJsonObject reportToJson(const QList<ScenarioReport> &reports)
{
    QJsonArray scenarios;
    int passed = 0, steps = 0, failedSteps = 0, assertions = 0, failedAssertions = 0;
    for (const auto &r : reports) {
        QJsonArray stepArray;
        for (const auto &s : r.steps) {
            stepArray.append(stepToJson(s));
            ++steps;
            failedSteps += !s.passed();
            for (const auto &a : s.assertions) {
                ++assertions;
                failedAssertions += !a.passed;
            }
        }
        passed += r.passed();
        QJsonObject o {{u"name"_s, r.name},
                       {u"file"_s, r.file},
                       {u"passed"_s, r.passed()},
                       {u"durationMs"_s, r.durationMs},
                       {u"steps"_s, stepArray}};
        if (!r.error.isEmpty())
            o.insert(u"error"_s, r.error);
        scenarios.append(o);
    }
    const bool ok = passed == reports.size() && !reports.isEmpty();
    QJsonObject out {{u"ok"_s, ok},
                     {u"summary"_s,
                      QJsonObject {{u"scenarios"_s, int(reports.size())},
                                   {u"passed"_s, passed},
                                   {u"failed"_s, int(reports.size()) - passed},
                                   {u"steps"_s, steps},
                                   {u"failedSteps"_s, failedSteps},
                                   {u"assertions"_s, assertions},
                                   {u"failedAssertions"_s, failedAssertions}}},
                     {u"scenarios"_s, scenarios}};
    if (!ok)
        out.insert(u"error"_s,
                   reports.isEmpty() ? u"no scenario ran"_s
                                     : u"%1 of %2 scenario(s) failed"_s.arg(reports.size() - passed)
                                           .arg(reports.size()));
    return out;
}

QByteArray reportToJUnit(const QList<ScenarioReport> &reports)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    int tests = 0, failures = 0;
    double total = 0;
    for (const auto &r : reports) {
        tests += std::max<qsizetype>(r.steps.size(), 1);
        for (const auto &s : r.steps)
            failures += !s.passed();
        failures += !r.error.isEmpty();
        total += r.durationMs;
    }
    w.writeStartElement(u"testsuites"_s);
    w.writeAttribute(u"name"_s, u"hookbench"_s);
    w.writeAttribute(u"tests"_s, QString::number(tests));
    w.writeAttribute(u"failures"_s, QString::number(failures));
    w.writeAttribute(u"errors"_s, u"0"_s);
    w.writeAttribute(u"time"_s, seconds(total));
    for (const auto &r : reports) {
        int suiteFailures = !r.error.isEmpty();
        for (const auto &s : r.steps)
            suiteFailures += !s.passed();
        w.writeStartElement(u"testsuite"_s);
        w.writeAttribute(u"name"_s, r.name);
        w.writeAttribute(u"tests"_s, QString::number(std::max<qsizetype>(r.steps.size(), 1)));
        w.writeAttribute(u"failures"_s, QString::number(suiteFailures));
        w.writeAttribute(u"errors"_s, u"0"_s);
        w.writeAttribute(u"time"_s, seconds(r.durationMs));
        if (!r.file.isEmpty())
            w.writeAttribute(u"file"_s, r.file);
        if (!r.error.isEmpty()) {
            w.writeStartElement(u"testcase"_s);
            w.writeAttribute(u"classname"_s, r.name);
            w.writeAttribute(u"name"_s, u"(scenario)"_s);
            w.writeAttribute(u"time"_s, u"0"_s);
            w.writeStartElement(u"failure"_s);
            w.writeAttribute(u"message"_s, r.error);
            w.writeCharacters(r.error);
            w.writeEndElement();
            w.writeEndElement();
        }
        for (const auto &s : r.steps) {
            w.writeStartElement(u"testcase"_s);
            w.writeAttribute(u"classname"_s, r.name);
            w.writeAttribute(u"name"_s, s.name);
            w.writeAttribute(u"time"_s, seconds(s.durationMs));
            if (!s.passed()) {
                const QStringList why = failuresOf(s);
                w.writeStartElement(u"failure"_s);
                w.writeAttribute(u"message"_s, why.value(0));
                w.writeCharacters(why.join(u'\n'));
                w.writeEndElement();
            }
            QStringList lines;
            for (const auto &a : s.assertions)
                lines.append(
                    u"%1 %2 %3"_s.arg(a.passed ? u"ok"_s : u"FAILED"_s, a.name, a.message));
            if (!lines.isEmpty())
                w.writeTextElement(u"system-out"_s, lines.join(u'\n'));
            w.writeEndElement();
        }
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
    return xml;
}

QString reportToText(const QList<ScenarioReport> &reports, bool colour)
{
    auto paint = [colour](const char *code, const QString &text) {
        return colour ? u"\x1b["_s + QLatin1String(code) + u"m"_s + text + u"\x1b[0m"_s : text;
    };
    QString out;
    int passed = 0, steps = 0, failedSteps = 0;
    for (const auto &r : reports) {
        passed += r.passed();
        out += u"%1 %2 (%3, %4 s)\n"_s.arg(r.passed() ? paint("32", u"PASS"_s)
                                                      : paint("31", u"FAIL"_s),
                                           r.name, r.file, seconds(r.durationMs));
        if (!r.error.isEmpty())
            out += u"    %1\n"_s.arg(r.error);
        for (const auto &s : r.steps) {
            ++steps;
            failedSteps += !s.passed();
            QString detail = s.status > 0 ? u"HTTP %1, %2 card(s)"_s.arg(s.status).arg(s.cards)
                                          : u"not sent"_s;
            if (s.repetitions > 1)
                detail += u", p95 %1 ms over %2"_s.arg(s.p95Ms, 0, 'f', 1).arg(s.repetitions);
            out += u"  %1 %2 [%3 %4] %5\n"_s.arg(s.passed() ? paint("32", u"ok  "_s)
                                                            : paint("31", u"FAIL"_s),
                                                 s.name, s.service, s.hook, detail);
            if (!s.passed()) {
                for (const auto &why : failuresOf(s))
                    out += u"      - %1\n"_s.arg(why);
            }
        }
    }
    out += u"%1 of %2 scenario(s) passed, %3 of %4 step(s) failed\n"_s.arg(passed)
               .arg(reports.size())
               .arg(failedSteps)
               .arg(steps);
    return out;
}

} // namespace hb::scenario
