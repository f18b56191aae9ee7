#pragma once

// The rules reference (docs/rules.md) as data: the app shows a rule's text when a finding's id is
// clicked, and a test checks that every id the code emits is defined there.
#include <QHash>
#include <QString>

namespace hb::core {

/// One line of docs/rules.md: `| id | what is required | severity | spec URL |`.
struct RuleText
{
    QString id;
    QString requirement; ///< Markdown (backticks kept)
    QString severity; ///< as written, e.g. "error (> 140), warning (exactly 140)"
    QString url; ///< public spec section, or the rule a matrix row falls under
    QString section; ///< the heading the rule sits under
    int line = 0; ///< 1-based line in the document (for opening it there)
};

/// Every rule row of the reference, keyed by id. Rows are table lines whose first cell is an
/// id; the header and separator rows are skipped.
QHash<QString, RuleText> parseRulesReference(const QString &markdown);

/// The reference shipped with the program (Qt resource :/hookbench/docs/rules.md, compiled
/// into hb_core). Parsed once.
const QHash<QString, RuleText> &rulesReference();
/// The Markdown text of the shipped reference.
QString rulesReferenceText();

} // namespace hb::core
