#pragma once

// What a scenario run found, and its three renderings: a readable summary, JUnit XML (one
// testsuite per scenario, one testcase per step) and the JSON report
// (docs/scenario-report.schema.json).
#include <QJsonObject>
#include <QList>
#include <QString>

namespace hb::scenario {

struct Assertion
{
    QString name; ///< e.g. "status", "cards", "cors"
    bool passed = false;
    QString expected;
    QString actual;
    QString message; ///< why it failed (or what was checked)
};

struct StepReport
{
    QString name;
    QString service;
    QString hook;
    QString url;
    int status = 0; ///< the last repetition's HTTP status, 0 when none
    int cards = 0;
    int repetitions = 0;
    double p50Ms = -1;
    double p95Ms = -1;
    QString cors; ///< the CORS verdict, empty when not emulated
    QString error; ///< setup or transport failure
    QList<Assertion> assertions;
    QJsonObject feedback; ///< what was sent and the answer, when the step gave feedback
    double durationMs = 0;

    [[nodiscard]] bool passed() const;
};

struct ScenarioReport
{
    QString name;
    QString file;
    QList<StepReport> steps;
    double durationMs = 0;
    QString error; ///< the scenario could not run (bad workspace, servers did not start)

    [[nodiscard]] bool passed() const;
};

/// The JSON report of a run: {"ok", "summary", "scenarios"} (schema in docs/).
[[nodiscard]] QJsonObject reportToJson(const QList<ScenarioReport> &reports);
/// JUnit XML (the Ant/Jenkins dialect most CI servers read).
[[nodiscard]] QByteArray reportToJUnit(const QList<ScenarioReport> &reports);
/// "PASS scenario / step" lines, failures with why, and a total; `colour` adds ANSI colours.
[[nodiscard]] QString reportToText(const QList<ScenarioReport> &reports, bool colour);

} // namespace hb::scenario
