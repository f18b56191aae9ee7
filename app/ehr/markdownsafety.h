#pragma once

#include <QString>
#include <QUrl>

namespace hb::ehr {

/// Makes a card's `detail` (GitHub-flavoured markdown from an untrusted service) safe to hand to
/// Qt's markdown renderer (C15): raw HTML is shown as text instead of being interpreted,
/// links whose scheme is not http, https or mailto keep their text but lose their target, and
/// images become plain links, so rendering never loads a remote resource by itself.
/// Code spans and code blocks are left untouched: their content is shown literally anyway.
[[nodiscard]] QString sanitizeCardMarkdown(const QString &markdown);

/// True for the URLs Hookbench will ever open from a card: absolute http(s) or mailto.
/// `javascript:`, `data:`, `file:`, `vbscript:` and relative URLs are refused.
[[nodiscard]] bool isOpenableLinkUrl(const QUrl &url);

} // namespace hb::ehr
