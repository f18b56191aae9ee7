#pragma once

// The custom hook screen's logic: any hook name, a context the user writes (prefilled from the
// hook catalogue's builder), checked live against the catalogue, sent exactly as written.
#include "core/finding.h"
#include "core/hooks.h"
#include "session/ehrstate.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace hb::session {

/// What the checker says about the text in the context editor.
struct ContextCheck
{
    bool parsed = false;
    QString parseError; ///< "line 3, column 5: ..." when the text is not a JSON object
    int errorLine = 0, errorColumn = 0;
    bool knownHook = false; ///< in the CDS Hooks library (else only checked for being an object)
    QList<core::Finding> findings; ///< V26 (hook name), C6 (types, required, selections)
    QJsonObject context; ///< the parsed context when `parsed`

    /// Nothing that would make the request invalid (warnings allowed).
    [[nodiscard]] bool ok() const;
    /// One line per finding: "error C6 /context/selections/0: selection ... must reference ...".
    [[nodiscard]] QStringList lines() const;
};

/// The editor's starting text for `hook`: the context the EHR would send now (the catalogue's
/// builder over the EHR state), indented; `{}` plus the patient for a hook the catalogue does
/// not know.
[[nodiscard]] QString prefillContext(const QString &hook, const EhrState &state);

/// Checks `text` as the context of `hook`.
[[nodiscard]] ContextCheck checkContext(const QString &hook, const QString &text);

/// The context fields of `hook` that may appear as prefetch tokens ({{context.X}}), with their
/// current value in `context` (for the prefetch key chooser).
[[nodiscard]] QStringList prefetchTokens(const QString &hook);

} // namespace hb::session
