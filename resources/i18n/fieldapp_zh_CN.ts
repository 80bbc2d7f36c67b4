<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Supply voltage</source>
        <translation>供电电压</translation>
    </message>
    <message>
        <source>Contract capacity (kVA)</source>
        <translation>合同容量 (kVA)</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要等级</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Search by account number, name or address</source>
        <translation>按户号、客户名称或地址搜索</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>共 %n 户</numerusform></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Special grade</source>
        <translation>特级</translation>
    </message>
    <message>
        <source>First grade</source>
        <translation>一级</translation>
    </message>
    <message>
        <source>Second grade</source>
        <translation>二级</translation>
    </message>
    <message>
        <source>Temporary</source>
        <translation>临时性</translation>
    </message>
    <message>
        <source>Ordinary</source>
        <translation>普通</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Electricity-use inspection</source>
        <translation>用电检查</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>用电检查</translation>
    </message>
    <message>
        <source>Not built yet. This page arrives with the %1; until then it does nothing.</source>
        <translation>此页面尚未完成，将随“%1”功能一起提供；在此之前它不做任何事。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>inspection workflow (inspections in progress, due and overdue customers)</source>
        <translation>现场检查流程（进行中的检查、到期和逾期客户）</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <source>inspection workflow</source>
        <translation>现场检查流程</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>隐患</translation>
    </message>
    <message>
        <source>rectification follow-up</source>
        <translation>隐患整改跟踪</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知书</translation>
    </message>
    <message>
        <source>rectification notices</source>
        <translation>整改通知书</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Excel sync between tablets and the office</source>
        <translation>平板与办公室之间的 Excel 同步</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>office dashboard</source>
        <translation>办公室统计看板</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>settings and user profiles</source>
        <translation>设置与用户</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>设备 %1</translation>
    </message>
</context>
<context>
    <name>StartupError</name>
    <message>
        <source>fieldapp cannot start</source>
        <translation>程序无法启动</translation>
    </message>
</context>
</TS>