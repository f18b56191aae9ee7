#include "ehr/smartlaunch.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace hb::ehr {

QUrl smartLaunchUrl(const QUrl &appUrl, const QUrl &iss, const QString &launchId)
{
    QUrl url = appUrl;
    QUrlQuery query(url);
    query.removeAllQueryItems(u"iss"_s);
    query.removeAllQueryItems(u"launch"_s);
    query.addQueryItem(u"iss"_s, QString::fromUtf8(QUrl::toPercentEncoding(iss.toString())));
    query.addQueryItem(u"launch"_s, QString::fromUtf8(QUrl::toPercentEncoding(launchId)));
    url.setQuery(query);
    return url;
}

} // namespace hb::ehr
