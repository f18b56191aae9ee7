#pragma once

// Runs JavaScript in a Qt WebEngine page and waits for its result, for the browser tests that
// read what a real page shows (tests/integration/*/tst_*_browser.cpp). Header-only.
#include <QString>
#include <QTest>
#include <QVariant>
#include <QWebEnginePage>

/// The script's result as a string; "<pending>" when it did not answer within 10 s (the
/// QTRY_VERIFY then fails the calling test).
inline QString evaluate(QWebEnginePage &page, const QString &script)
{
    QString result = QStringLiteral("<pending>");
    page.runJavaScript(script, [&](const QVariant &value) { result = value.toString(); });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result != QStringLiteral("<pending>"), 10000); }();
    return result;
}
