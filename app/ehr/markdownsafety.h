#pragma once

#include <QString>
#include <QUrl>

namespace hb::ehr {

/// Renders a card's `detail` (GitHub-flavoured markdown from an untrusted service) as HTML for
/// Qt's rich-text renderer (QML `Text.RichText`, QTextDocument::setHtml) (C15, spec §10).
/// The markdown is parsed with md4c and the HTML is written from the parsed document, never
/// from the source text, with a fixed set of tags and no attribute but checked `href`s:
/// - raw HTML (blocks, inline tags, comments) is shown as text, never interpreted;
/// - only absolute http(s) links are clickable, and each shows its real target after its text;
///   any other link (javascript:, data:, file:, mailto:, relative, entity-encoded schemes)
///   keeps its text and loses its target;
/// - images are never loaded: an http(s) image becomes a visible link to it, any other image
///   its alt text;
/// - nesting deeper than kMaxDetailNesting is flattened and input beyond kMaxDetailChars is
///   cut with a visible note, so a hostile detail cannot exhaust the renderer.
[[nodiscard]] QString renderCardDetail(const QString &markdown);

/// Inputs longer than this are cut before rendering (a card detail is a paragraph or two).
inline constexpr qsizetype kMaxDetailChars = 64 * 1024;
/// Block containers (quotes, lists) nested deeper than this are rendered flat.
inline constexpr int kMaxDetailNesting = 16;

/// True for the URLs Hookbench will ever open from a card: absolute http(s) or mailto.
/// `javascript:`, `data:`, `file:`, `vbscript:` and relative URLs are refused.
[[nodiscard]] bool isOpenableLinkUrl(const QUrl &url);

/// True for the only link targets a card's markdown may make clickable: absolute http(s) with a
/// host. The URL must have been parsed strictly (QUrl::StrictMode).
[[nodiscard]] bool isClickableMarkdownUrl(const QUrl &url);

} // namespace hb::ehr
