#include "buildinfobridge.h"

#include "core/buildinfo.h"

#include <QClipboard>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

BuildInfoBridge::BuildInfoBridge(QObject *parent)
    : QObject(parent)
{ }

QString BuildInfoBridge::version() const
{
    return hb::buildinfo::version();
}

QString BuildInfoBridge::commit() const
{
    return hb::buildinfo::commit();
}

QString BuildInfoBridge::qtVersion() const
{
    return hb::buildinfo::qtVersion();
}

QString BuildInfoBridge::openSslVersion() const
{
    return hb::buildinfo::openSslVersion();
}

QString BuildInfoBridge::versionText() const
{
    return hb::buildinfo::versionText(u"hookbench"_s);
}

void BuildInfoBridge::copyVersionText() const
{
    QGuiApplication::clipboard()->setText(versionText());
}
