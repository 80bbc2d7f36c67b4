<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnnotateDialog</name>
    <message>
        <source>Annotate photo</source>
        <translation>标注照片</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>圆圈</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>方框</translation>
    </message>
    <message>
        <source>Freehand</source>
        <translation>手绘</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>黑色</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Save as new photo</source>
        <translation>另存为新照片</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The original photo is kept unchanged.</source>
        <translation>原照片保持不变。</translation>
    </message>
    <message>
        <source>The photo cannot be opened: %1</source>
        <translation>无法打开照片：%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>The drawing was not saved: %1</source>
        <translation>标注未能保存：%1</translation>
    </message>
    <message>
        <source>Discard drawing</source>
        <translation>放弃标注</translation>
    </message>
    <message>
        <source>Close without saving the drawing?</source>
        <translation>不保存标注就关闭？</translation>
    </message>
</context>
<context>
    <name>AnnotationCanvas</name>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Text to place on the photo:</source>
        <translation>要写在照片上的文字：</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign visits</source>
        <translation>安排检查</translation>
    </message>
    <message>
        <source>Assign visits to an inspector</source>
        <translation>安排检查任务</translation>
    </message>
    <message>
        <source>What to take or to look at (optional)</source>
        <translation>需携带的工具或重点检查内容（可不填）</translation>
    </message>
    <message>
        <source>Lead inspector</source>
        <translation>负责检查人员</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>检查类别</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>安排</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) ticked</source>
        <translation>
            <numerusform>已选 %n 户</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AssignmentModel</name>
    <message>
        <source>Planned %n day(s) ago</source>
        <translation>计划日已过 %n 天</translation>
    </message>
    <message>
        <source>Planned for today</source>
        <translation>计划今日检查</translation>
    </message>
    <message>
        <source>Planned in %n day(s)</source>
        <translation>%n 天后检查</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Lead inspector</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>检查类别</translation>
    </message>
    <message>
        <source>Planned date</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>BreachFeeDialog</name>
    <message>
        <source>Breach fee</source>
        <translation>违约使用电费</translation>
    </message>
    <message>
        <source>Two-part tariff (demand charge)</source>
        <translation>两部制电价（收基本电费）</translation>
    </message>
    <message>
        <source>Residential customer</source>
        <translation>居民用户</translation>
    </message>
    <message>
        <source>Capacity (kVA)</source>
        <translation>容量（kVA）</translation>
    </message>
    <message>
        <source>Demand charge (yuan/kVA·month)</source>
        <translation>基本电价（元/kVA·月）</translation>
    </message>
    <message>
        <source>Months used</source>
        <translation>使用月数</translation>
    </message>
    <message>
        <source>Occasions</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Tariff difference owed (yuan)</source>
        <translation>应补差额电费（元）</translation>
    </message>
    <message>
        <source>Measured above the contract: %1 kVA (contract %2 kVA)</source>
        <translation>实测超过合同容量 %1 kVA（合同容量 %2 kVA）</translation>
    </message>
    <message>
        <source>Staff number and name</source>
        <translation>工号和姓名</translation>
    </message>
    <message>
        <source>Assessed by</source>
        <translation>计算人</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Capacity above the contract</source>
        <translation>私自超过合同容量用电</translation>
    </message>
    <message>
        <source>Suspended or sealed equipment used</source>
        <translation>擅自使用暂停或启用封存的设备</translation>
    </message>
    <message>
        <source>Use class changed</source>
        <translation>擅自改变用电类别</translation>
    </message>
    <message>
        <source>Metering tampered with</source>
        <translation>私自迁移、更动或操作计量装置</translation>
    </message>
    <message>
        <source>Private supply or own source paralleled</source>
        <translation>擅自引入（供出）电源或自备电源并网</translation>
    </message>
    <message>
        <source>Unverified — check before charging</source>
        <translation>未核实，收费前须核实</translation>
    </message>
    <message>
        <source>Superseded by %1, whose amounts are unconfirmed: not a fee to charge as it stands</source>
        <translation>已被 %1 替代，其金额未经确认：不得作为应收金额</translation>
    </message>
    <message>
        <source>Verified and in force</source>
        <translation>已核实，现行有效</translation>
    </message>
    <message>
        <source>The legal library has none of the breach rules.</source>
        <translation>依据库中没有违约用电规则。</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <source>Import from files</source>
        <translation>从文件导入</translation>
    </message>
    <message>
        <source>Take photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Switch camera</source>
        <translation>切换摄像头</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No camera was found on this device.</source>
        <translation>本设备上未找到摄像头。</translation>
    </message>
    <message>
        <source>You can import photos from files instead.</source>
        <translation>可改为从文件导入照片。</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) taken</source>
        <translation>
            <numerusform>已拍 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>The camera cannot be used: %1</source>
        <translation>无法使用摄像头：%1</translation>
    </message>
    <message>
        <source>The photo could not be taken: %1</source>
        <translation>未能拍摄照片：%1</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel visits</source>
        <translation>取消检查任务</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n visit(s)</source>
        <translation><numerusform>取消 %n 项检查任务</numerusform></translation>
    </message>
    <message>
        <source>Why the visit is called off (required)</source>
        <translation>取消的原因（必填）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Cancel the visits</source>
        <translation>确认取消</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>CardList</name>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>ChangeTableModel</name>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated (edited in the workbook)</source>
        <translation>更新（在工作簿中人工修改）</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>PNG…</source>
        <translation>图片…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG 图片…</translation>
    </message>
    <message>
        <source>Numbers (.xlsx)…</source>
        <translation>数据 (.xlsx)…</translation>
    </message>
    <message>
        <source>Export numbers (.xlsx)…</source>
        <translation>导出数据 (.xlsx)…</translation>
    </message>
</context>
<context>
    <name>ChecklistListModel</name>
    <message>
        <source>%1 · newest version %2</source>
        <translation>%1 · 最新第 %2 版</translation>
    </message>
    <message>
        <source>built for this customer (re-inspection)</source>
        <translation>本客户专用（复查）</translation>
    </message>
</context>
<context>
    <name>ConflictTableModel</name>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留的值</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>被替换的值</translation>
    </message>
    <message>
        <source>Lost value from</source>
        <translation>被替换的值来自</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong inside the app.</source>
        <translation>程序内部出现了错误。</translation>
    </message>
    <message>
        <source>Your work is safe: every answer, photo and signature was saved the moment you gave it.</source>
        <translation>您的工作没有丢失：每一项回答、照片和签名都已在录入时保存。</translation>
    </message>
    <message>
        <source>You can go on working. If the app behaves oddly, close it and open it again.</source>
        <translation>您可以继续工作。如果程序表现异常，请关闭后重新打开。</translation>
    </message>
    <message>
        <source>A report for support was saved to:</source>
        <translation>错误报告已保存到：</translation>
    </message>
    <message>
        <source>The report could not be saved as a file: use Copy report to keep it.</source>
        <translation>错误报告未能保存为文件，请点击“复制报告”保留它。</translation>
    </message>
    <message>
        <source>Settings → Export diagnostics… puts it in one file with the log for support.</source>
        <translation>在“设置 → 导出诊断信息…”中，可将它与日志打包成一个文件发给技术支持。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
</context>
<context>
    <name>CustomerDetailPage</name>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <source>Profile PDF</source>
        <translation>客户概况 PDF</translation>
    </message>
    <message>
        <source>No equipment is recorded for this customer.</source>
        <translation>该客户暂无设备台账记录。</translation>
    </message>
    <message>
        <source>This customer has not been inspected in this app yet.</source>
        <translation>本应用中尚无该客户的检查记录。</translation>
    </message>
    <message>
        <source>No open findings: nothing awaits rectification.</source>
        <translation>没有未整改的隐患。</translation>
    </message>
    <message>
        <source>Nothing has happened with this customer yet.</source>
        <translation>该客户尚无任何记录。</translation>
    </message>
    <message>
        <source>No hazard has been found by more than one inspection.</source>
        <translation>没有在两次及以上检查中发现的隐患。</translation>
    </message>
    <message>
        <source>Could not read the customer: %1</source>
        <translation>无法读取客户信息：%1</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Supply voltage</source>
        <translation>供电电压</translation>
    </message>
    <message>
        <source>Contract capacity (kVA)</source>
        <translation>合同容量（kVA）</translation>
    </message>
    <message>
        <source>Tariff</source>
        <translation>电价类别</translation>
    </message>
    <message>
        <source>Importance grade</source>
        <translation>重要等级</translation>
    </message>
    <message>
        <source>Metering class</source>
        <translation>计量类别</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Supply</source>
        <translation>供电信息</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Account no. %1 · %2</source>
        <translation>户号 %1 · %2</translation>
    </message>
    <message>
        <source>No notes.</source>
        <translation>无备注。</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message numerus="yes">
        <source>Equipment (%n)</source>
        <translation>
            <numerusform>设备台账（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Past inspections (%n)</source>
        <translation>
            <numerusform>历次检查（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Open findings (%n)</source>
        <translation>
            <numerusform>未整改隐患（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message numerus="yes">
        <source>Recurring hazards (%n)</source>
        <translation>
            <numerusform>反复出现的隐患（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write the profile: %1</source>
        <translation>无法生成客户概况：%1</translation>
    </message>
</context>
<context>
    <name>CustomerInspectionsModel</name>
    <message>
        <source>Date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>检查类型</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
</context>
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
            <numerusform>共 %n 户</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <source>Findings by category and severity</source>
        <translation>隐患分类统计（按类别和等级）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Rectified by the deadline month (%)</source>
        <translation>到期当月整改率（%）</translation>
    </message>
    <message>
        <source>Rectification rate by month</source>
        <translation>按月整改率</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Due that month</source>
        <translation>当月到期</translation>
    </message>
    <message>
        <source>Verified by its end</source>
        <translation>当月底前销号</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>整改率</translation>
    </message>
    <message>
        <source>Overdue findings</source>
        <translation>超期隐患</translation>
    </message>
    <message>
        <source>Overdue findings by customer</source>
        <translation>各客户超期隐患</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Oldest overdue (days)</source>
        <translation>最长超期（天）</translation>
    </message>
    <message>
        <source>All</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <source>Periodic</source>
        <translation>周期检查</translation>
    </message>
    <message>
        <source>Due in the period: %1</source>
        <translation>期内应检客户：%1</translation>
    </message>
    <message>
        <source>All (each inspection once)</source>
        <translation>合计（每次检查计一次）</translation>
    </message>
    <message>
        <source>Customers due in the period</source>
        <translation>期内应检客户</translation>
    </message>
    <message>
        <source>Of them inspected</source>
        <translation>其中已检</translation>
    </message>
    <message>
        <source>Inspections done against due</source>
        <translation>检查完成与应检对比</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查人员</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>近12个月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Serious hazards report…</source>
        <translation>重大隐患清单…</translation>
    </message>
    <message>
        <source>Serious hazards not yet verified at important customers, as .xlsx or PDF, for the authority</source>
        <translation>重要电力用户未销号的重大隐患清单（.xlsx 或 PDF），报送主管部门</translation>
    </message>
    <message>
        <source>Inspections in:</source>
        <translation>检查统计期间：</translation>
    </message>
    <message>
        <source>Findings by category and severity</source>
        <translation>隐患分类统计</translation>
    </message>
    <message>
        <source>Rectification rate by month</source>
        <translation>按月整改率</translation>
    </message>
    <message>
        <source>Overdue findings by customer (top 15)</source>
        <translation>超期隐患客户（前15）</translation>
    </message>
    <message>
        <source>Inspections per inspector against due</source>
        <translation>各检查人员完成与应检</translation>
    </message>
    <message>
        <source>Could not read the numbers: %1</source>
        <translation>无法读取统计数据：%1</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>%1; customers due %2, inspected %3</source>
        <translation>%1；应检客户 %2 户，已检 %3 户</translation>
    </message>
    <message>
        <source>Export chart as PNG</source>
        <translation>导出图表为 PNG</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Export the chart's numbers</source>
        <translation>导出图表数据</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Serious hazards at important customers</source>
        <translation>重要电力用户重大隐患清单</translation>
    </message>
    <message numerus="yes">
        <source>%n serious hazard(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 条重大隐患写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Written to %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>DeadlineField</name>
    <message>
        <source>No deadline</source>
        <translation>未设期限</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeviceInspectorBox</name>
    <message>
        <source>No one in particular</source>
        <translation>不指定</translation>
    </message>
</context>
<context>
    <name>DiagnosticsExport</name>
    <message>
        <source>Export diagnostics</source>
        <translation>导出诊断信息</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip 压缩文件 (*.zip)</translation>
    </message>
    <message>
        <source>Diagnostics saved to %1 (no database, no photos).</source>
        <translation>诊断信息已保存到 %1（不含数据库和照片）。</translation>
    </message>
    <message>
        <source>The diagnostics could not be written: %1</source>
        <translation>无法写入诊断信息：%1</translation>
    </message>
</context>
<context>
    <name>DueModel</name>
    <message>
        <source>Overdue %n day(s)</source>
        <translation>已逾期 %n 天</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Due in %n day(s)</source>
        <translation>%n 天后到期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要等级</translation>
    </message>
    <message>
        <source>Supply voltage</source>
        <translation>供电电压</translation>
    </message>
    <message>
        <source>Last inspected</source>
        <translation>上次检查</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未检查</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>应检日期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
</context>
<context>
    <name>EnumLabels</name>
    <message>
        <source>Two-part tariff</source>
        <translation>两部制</translation>
    </message>
    <message>
        <source>Single-part tariff</source>
        <translation>单一制</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Finalized</source>
        <translation>已定稿</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Periodic</source>
        <translation>周期检查</translation>
    </message>
    <message>
        <source>Seasonal / special</source>
        <translation>季节性（专项）检查</translation>
    </message>
    <message>
        <source>Power assurance</source>
        <translation>保电检查</translation>
    </message>
    <message>
        <source>Anti-theft</source>
        <translation>反窃电检查</translation>
    </message>
    <message>
        <source>Accident</source>
        <translation>事故检查</translation>
    </message>
    <message>
        <source>Acceptance</source>
        <translation>验收检查</translation>
    </message>
    <message>
        <source>Re-inspection</source>
        <translation>复查</translation>
    </message>
    <message>
        <source>Transformer</source>
        <translation>变压器</translation>
    </message>
    <message>
        <source>Switchgear</source>
        <translation>开关柜</translation>
    </message>
    <message>
        <source>Capacitor bank</source>
        <translation>电容器组</translation>
    </message>
    <message>
        <source>Generator</source>
        <translation>自备发电机</translation>
    </message>
    <message>
        <source>Protection relay</source>
        <translation>继电保护装置</translation>
    </message>
    <message>
        <source>Metering CT</source>
        <translation>计量电流互感器</translation>
    </message>
    <message>
        <source>Metering VT</source>
        <translation>计量电压互感器</translation>
    </message>
    <message>
        <source>Cable</source>
        <translation>电缆</translation>
    </message>
    <message>
        <source>Surge arrester</source>
        <translation>避雷器</translation>
    </message>
    <message>
        <source>HV motor</source>
        <translation>高压电动机</translation>
    </message>
    <message>
        <source>Safety tool</source>
        <translation>安全工器具</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>封停</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>退役</translation>
    </message>
    <message>
        <source>General hazard</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <source>Serious hazard</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待整改</translation>
    </message>
    <message>
        <source>Notified</source>
        <translation>已下发通知</translation>
    </message>
    <message>
        <source>Fix reported</source>
        <translation>已报整改</translation>
    </message>
    <message>
        <source>Verified fixed</source>
        <translation>已复查销号</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>复查未通过</translation>
    </message>
    <message>
        <source>Class I</source>
        <translation>Ⅰ类</translation>
    </message>
    <message>
        <source>Class II</source>
        <translation>Ⅱ类</translation>
    </message>
    <message>
        <source>Class III</source>
        <translation>Ⅲ类</translation>
    </message>
    <message>
        <source>Class IV</source>
        <translation>Ⅳ类</translation>
    </message>
</context>
<context>
    <name>EquipmentModel</name>
    <message>
        <source>Kind</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>额定参数</translation>
    </message>
    <message>
        <source>Capacity (kVA)</source>
        <translation>容量（kVA）</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>出厂编号</translation>
    </message>
    <message>
        <source>Last test</source>
        <translation>上次试验</translation>
    </message>
    <message>
        <source>Next test due</source>
        <translation>下次试验</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1（已超期）</translation>
    </message>
    <message>
        <source>%1 (due soon)</source>
        <translation>%1（即将到期）</translation>
    </message>
</context>
<context>
    <name>ExchangeTableModel</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export (changes)</source>
        <translation>导出（仅变更）</translation>
    </message>
    <message>
        <source>%1 records · %2 photos · %3</source>
        <translation>%1 条记录 · %2 张照片 · %3</translation>
    </message>
    <message>
        <source>new %1</source>
        <translation>新增 %1</translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>更新 %1</translation>
    </message>
    <message>
        <source>unchanged %1</source>
        <translation>未变 %1</translation>
    </message>
    <message>
        <source>conflicts %1</source>
        <translation>冲突 %1</translation>
    </message>
    <message>
        <source>rejected %1</source>
        <translation>拒绝 %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>ExportPane</name>
    <message>
        <source>Writes one .fieldsync file for the office or another tablet: the records as an Excel workbook, the photos, and a manifest. Carry it on a USB stick or put it in a shared folder.</source>
        <translation>生成一个 .fieldsync 同步文件，交给办公室或其他平板：其中有 Excel 工作簿形式的全部记录、照片和清单。可用U盘携带，或放在共享文件夹中。</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部数据</translation>
    </message>
    <message>
        <source>Only the changes</source>
        <translation>仅变更</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save to folder</source>
        <translation>保存到文件夹</translation>
    </message>
    <message>
        <source>For whom (the office, or another tablet's name)</source>
        <translation>导出给（办公室，或另一台平板的名称）</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>Could not read the exchange history: %1</source>
        <translation>无法读取同步记录：%1</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>No folder chosen yet.</source>
        <translation>尚未选择文件夹。</translation>
    </message>
    <message>
        <source>Choose the folder for the sync file</source>
        <translation>选择同步文件的保存位置</translation>
    </message>
    <message>
        <source>Every record and every photo goes.</source>
        <translation>导出全部记录和全部照片。</translation>
    </message>
    <message>
        <source>Name whom the export is for: what was stored here since the last export to them goes.</source>
        <translation>请填写导出给谁：将导出自上次导出给对方以来本机保存的内容。</translation>
    </message>
    <message>
        <source>Nothing was exported to %1 yet: this first export holds everything.</source>
        <translation>尚未导出给 %1：这次首次导出包含全部数据。</translation>
    </message>
    <message>
        <source>Last export to %1: %2. What was stored here since then goes.</source>
        <translation>上次导出给 %1：%2。将导出此后本机保存的内容。</translation>
    </message>
    <message>
        <source>Name whom the export is for, or choose Everything.</source>
        <translation>请填写导出给谁，或选择“全部数据”。</translation>
    </message>
    <message>
        <source>The folder %1 is not there (a USB stick taken out?). Choose another.</source>
        <translation>文件夹 %1 不存在（U盘已拔出？）。请另选一个。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Preparing the export…</source>
        <translation>正在准备导出…</translation>
    </message>
    <message>
        <source>An import is running. Export when it is done.</source>
        <translation>正在导入。请在导入完成后再导出。</translation>
    </message>
    <message>
        <source>Adding photos: %1 of %2</source>
        <translation>正在添加照片：%1 / %2</translation>
    </message>
    <message>
        <source>Writing records: %1 of %2</source>
        <translation>正在写入记录：%1 / %2</translation>
    </message>
    <message>
        <source>everything</source>
        <translation>全部数据</translation>
    </message>
    <message>
        <source>changes since %1</source>
        <translation>%1 以来的变更</translation>
    </message>
    <message>
        <source>Exported %1 (%2): %3 records, %4 photos, %5.</source>
        <translation>已导出 %1（%2）：%3 条记录，%4 张照片，%5。</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>已取消导出：未生成文件。</translation>
    </message>
</context>
<context>
    <name>FindingCard</name>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Withdraw finding</source>
        <translation>撤销隐患</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>隐患描述</translation>
    </message>
    <message>
        <source>Hazard grade</source>
        <translation>隐患等级</translation>
    </message>
    <message>
        <source>Rectification requirement</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Rectification deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Finding %1</source>
        <translation>隐患 %1</translation>
    </message>
    <message>
        <source>Added by the inspector</source>
        <translation>检查人员补充录入</translation>
    </message>
    <message>
        <source>Proposed by the measurement rule of item %1</source>
        <translation>由检查项 %1 的测量规则提出</translation>
    </message>
    <message>
        <source>From checklist item %1</source>
        <translation>来自检查项 %1</translation>
    </message>
    <message>
        <source>This defect needs a photo as evidence.</source>
        <translation>该缺陷须附照片作为证据。</translation>
    </message>
    <message>
        <source>Withdraw finding %1? It will not appear on the notice; the others are renumbered.</source>
        <translation>撤销隐患 %1？撤销后不会出现在通知书上，其余隐患将重新编号。</translation>
    </message>
</context>
<context>
    <name>FindingDetailPanel</name>
    <message>
        <source>Choose a finding in the list to see its history and what can be done.</source>
        <translation>在列表中选择一条隐患，查看其整改记录和可办理的步骤。</translation>
    </message>
    <message>
        <source>Notify…</source>
        <translation>下发通知…</translation>
    </message>
    <message>
        <source>Fix reported…</source>
        <translation>客户报整改…</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>验证销号…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Found on %1, no. %2 · category %3 · %4</source>
        <translation>%1 检查发现，第 %2 项 · %3 类 · %4</translation>
    </message>
    <message>
        <source>Requirement: %1</source>
        <translation>整改要求：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1, overdue %n day(s)</source>
        <translation>
            <numerusform>%1，已逾期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>(the notice said %1)</source>
        <translation>（通知书原定 %1）</translation>
    </message>
    <message>
        <source>Deadline: %1</source>
        <translation>整改期限：%1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Inspectors: %1</source>
        <translation>检查人员：%1</translation>
    </message>
    <message>
        <source>Breach fee…</source>
        <translation>违约使用电费…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户详情</translation>
    </message>
    <message>
        <source>No follow-up: the inspection is not finalized, or it is void.</source>
        <translation>不跟踪：该检查尚未定稿或已作废。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>整改记录</translation>
    </message>
    <message>
        <source>No step yet.</source>
        <translation>尚无记录。</translation>
    </message>
    <message>
        <source>re-inspected, still %1</source>
        <translation>复查仍未整改（%1）</translation>
    </message>
    <message>
        <source>Notice %1</source>
        <translation>通知书 %1</translation>
    </message>
    <message>
        <source>Deadline %1 → %2</source>
        <translation>整改期限 %1 → %2</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>登记于 %1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>Breach fees</source>
        <translation>违约使用电费计算</translation>
    </message>
    <message>
        <source>Total %1 yuan</source>
        <translation>合计 %1 元</translation>
    </message>
    <message>
        <source>Unverified — check before charging</source>
        <translation>未核实，收费前须核实</translation>
    </message>
    <message>
        <source>Superseded by %1, whose amounts are unconfirmed: not a fee to charge as it stands</source>
        <translation>已被 %1 替代，其金额未经确认：不得作为应收金额</translation>
    </message>
</context>
<context>
    <name>FindingStepDialog</name>
    <message>
        <source>Notify the customer</source>
        <translation>下发整改通知</translation>
    </message>
    <message>
        <source>The customer reports the fix</source>
        <translation>客户报告整改完成</translation>
    </message>
    <message>
        <source>Verify the fix</source>
        <translation>验证整改并销号</translation>
    </message>
    <message>
        <source>Reopen the finding</source>
        <translation>重新打开隐患</translation>
    </message>
    <message numerus="yes">
        <source>For %n finding(s).</source>
        <translation>
            <numerusform>共 %n 条隐患。</numerusform>
        </translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Staff number and name</source>
        <translation>工号和姓名</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>验证人</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Optional, e.g. YDJC-2026-T01-0007</source>
        <translation>可不填，如 YDJC-2026-T01-0007</translation>
    </message>
    <message>
        <source>Notice number</source>
        <translation>通知书编号</translation>
    </message>
    <message>
        <source>Set a new deadline</source>
        <translation>设定新的整改期限</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>The finding has no deadline: give one.</source>
        <translation>该隐患没有整改期限，请设定。</translation>
    </message>
    <message>
        <source>The deadline %1 has passed: give a new one.</source>
        <translation>整改期限 %1 已过，请设定新的期限。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The customer's report</source>
        <translation>客户的整改情况</translation>
    </message>
    <message>
        <source>How it was verified</source>
        <translation>验证方式</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Evidence (PDF, JPEG, PNG)</source>
        <translation>证明材料（PDF、JPEG、PNG）</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>下发通知</translation>
    </message>
    <message>
        <source>Record the report</source>
        <translation>登记整改报告</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证销号</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>证明材料文件</translation>
    </message>
</context>
<context>
    <name>FindingTableModel</name>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>隐患</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>%1 (overdue %n day(s))</source>
        <translation>%1（逾期 %n 天）</translation>
    </message>
</context>
<context>
    <name>FindingsPage</name>
    <message>
        <source>Findings</source>
        <translation>隐患整改</translation>
    </message>
    <message>
        <source>Customer name or account number</source>
        <translation>客户名称或户号</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>未销号</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Every grade</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <source>Every category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>%1 类</translation>
    </message>
    <message>
        <source>Every inspector</source>
        <translation>全部检查人员</translation>
    </message>
    <message>
        <source>Any deadline</source>
        <translation>不限期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due within</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Deadline between</source>
        <translation>期限介于</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天内</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Notify…</source>
        <translation>下发通知…</translation>
    </message>
    <message>
        <source>Fix reported…</source>
        <translation>客户报整改…</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>验证销号…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>No finding matches. Change the filters.</source>
        <translation>没有符合条件的隐患，请调整筛选条件。</translation>
    </message>
    <message>
        <source>Could not read the findings: %1</source>
        <translation>无法读取隐患：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>共 %n 条隐患</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 条逾期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chosen</source>
        <translation>
            <numerusform>已选 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the finding: %1</source>
        <translation>无法读取该隐患：%1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>At most %1 findings take a step together; narrow the filter.</source>
        <translation>一次最多办理 %1 条隐患，请缩小筛选范围。</translation>
    </message>
    <message numerus="yes">
        <source>Saved for %n finding(s).</source>
        <translation>
            <numerusform>已为 %n 条隐患保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 findings refused this step, so none was changed:</source>
        <translation>%2 条隐患中有 %1 条不能办理此步骤，因此全部未执行：</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>……另有 %n 条。</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>The file %1 is not on this device.</source>
        <translation>本机上没有文件 %1。</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <source>No exchange yet. The exports and imports made on this device are listed here.</source>
        <translation>暂无同步记录。本机的导出和导入会列在这里。</translation>
    </message>
    <message>
        <source>Could not read the exchange history: %1</source>
        <translation>无法读取同步记录：%1</translation>
    </message>
    <message numerus="yes">
        <source>The newest %n exchange(s).</source>
        <translation>
            <numerusform>最近的 %n 次同步。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n exchange(s), newest first.</source>
        <translation>
            <numerusform>共 %n 次同步，最新的在前。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPane</name>
    <message>
        <source>An edit in the workbook (export %1)</source>
        <translation>Excel 表格中的修改（导出 %1）</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>确认导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a sync file to import</source>
        <translation>选择要导入的同步文件</translation>
    </message>
    <message>
        <source>Sync files (*.fieldsync *.xlsx);;All files (*)</source>
        <translation>同步文件 (*.fieldsync *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a .fieldsync bundle or a sync workbook (.xlsx). You see what it would change before anything is changed.</source>
        <translation>请选择 .fieldsync 同步包或同步工作簿（.xlsx）。导入前会先显示将发生的变更，确认后才会修改数据。</translation>
    </message>
    <message>
        <source>Changes (%1)</source>
        <translation>变更（%1）</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>冲突（%1）</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n more new record(s) are counted but not listed one by one.</source>
        <translation>
            <numerusform>另有 %n 条新增记录已计数，未逐条列出。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This file cannot be imported: %n problem(s), each named below. Nothing was changed.</source>
        <translation>
            <numerusform>此文件无法导入：共 %n 个问题，逐条列在下方。数据未作任何改动。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing would change: every record in this file is here already.</source>
        <translation>无需变更：此文件中的记录本机都已有。</translation>
    </message>
    <message>
        <source>Preview: nothing has been changed yet. Apply imports these changes (a backup of the database is taken first).</source>
        <translation>预览：尚未改动任何数据。点“确认导入”后导入这些变更（导入前先备份数据库）。</translation>
    </message>
    <message numerus="yes">
        <source>Imported. %n record(s) were rejected and not changed: see Problems.</source>
        <translation>
            <numerusform>已导入。有 %n 条记录被拒绝，未作改动：见“问题”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message>
        <source>Nothing was imported: the file has problems, each named below.</source>
        <translation>未导入任何数据：文件有问题，逐条列在下方。</translation>
    </message>
    <message>
        <source>Backup taken before the import: %1</source>
        <translation>导入前的备份：%1</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>导入报告：%1</translation>
    </message>
    <message>
        <source>Checking the file… nothing is changed.</source>
        <translation>正在检查文件…不会改动数据。</translation>
    </message>
    <message>
        <source>Importing… a backup of the database is taken first.</source>
        <translation>正在导入…已先备份数据库。</translation>
    </message>
    <message>
        <source>An export is running. Import when it is done.</source>
        <translation>正在导出。请在导出完成后再导入。</translation>
    </message>
    <message>
        <source>The file could not be checked: %1</source>
        <translation>无法检查此文件：%1</translation>
    </message>
    <message>
        <source>The import failed; nothing was changed: %1</source>
        <translation>导入失败，数据未作改动：%1</translation>
    </message>
</context>
<context>
    <name>InProgressModel</name>
    <message>
        <source>%1 of %2 items answered</source>
        <translation>已检查 %1 / %2 项</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
</context>
<context>
    <name>InspectionModels</name>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>InspectionPage</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>缺陷</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Not entered</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Accept as finding</source>
        <translation>采纳为隐患</translation>
    </message>
    <message>
        <source>Dismiss…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Why is no finding needed? (at least 2 characters)</source>
        <translation>请填写无需列为隐患的理由（至少2个字）</translation>
    </message>
    <message>
        <source>Dismiss with this reason</source>
        <translation>按此理由驳回</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What you saw, where, what the customer said</source>
        <translation>现场所见、具体位置、客户的说明等</translation>
    </message>
    <message>
        <source>Photos of this item</source>
        <translation>本检查项照片</translation>
    </message>
    <message>
        <source>A defect on this item needs a photo as evidence.</source>
        <translation>本检查项判为缺陷时须拍照留证。</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一项</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一项</translation>
    </message>
    <message>
        <source>Next unanswered</source>
        <translation>下一个未答项</translation>
    </message>
    <message>
        <source>Defects</source>
        <translation>缺陷项</translation>
    </message>
    <message>
        <source>Review &amp;&amp; finish</source>
        <translation>复核并完成</translation>
    </message>
    <message>
        <source>%1 · account no. %2</source>
        <translation>%1 · 户号 %2</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>Inspectors: %1</source>
        <translation>检查人员：%1</translation>
    </message>
    <message>
        <source>This inspection is finalized: the answers are shown and can no longer be changed.</source>
        <translation>该检查已定稿：答案仅供查看，不能再修改。</translation>
    </message>
    <message>
        <source>This inspection is void: the answers are shown and can no longer be changed.</source>
        <translation>该检查已作废：答案仅供查看，不能再修改。</translation>
    </message>
    <message>
        <source>No inspection open.</source>
        <translation>未打开检查记录。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>A measurement cannot be erased: type the right value instead.</source>
        <translation>测量值不能清空，请输入正确的数值。</translation>
    </message>
    <message>
        <source>Every item shown is answered.</source>
        <translation>当前显示的检查项均已作答。</translation>
    </message>
    <message>
        <source>This is the only defect so far.</source>
        <translation>目前只有这一个缺陷项。</translation>
    </message>
    <message>
        <source>No defects so far.</source>
        <translation>目前没有缺陷项。</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填项</translation>
    </message>
    <message>
        <source>Asked because of an earlier answer</source>
        <translation>因前面的答案而出现</translation>
    </message>
    <message>
        <source>A defect needs a photo</source>
        <translation>缺陷须拍照</translation>
    </message>
    <message>
        <source>Measured value</source>
        <translation>实测值</translation>
    </message>
    <message>
        <source>Type the reading</source>
        <translation>输入读数</translation>
    </message>
    <message>
        <source>Seal number</source>
        <translation>封印号</translation>
    </message>
    <message>
        <source>The number printed on the seal</source>
        <translation>封印上的编号</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Proposed finding (%1)</source>
        <translation>规则建议隐患（%1）</translation>
    </message>
    <message>
        <source>Recorded now %1, at the previous visit %2</source>
        <translation>本次记录 %1，上次检查记录 %2</translation>
    </message>
    <message>
        <source>Measured %1, limit %2</source>
        <translation>实测值 %1，限值 %2</translation>
    </message>
    <message>
        <source>Taken as finding no. %1 (%2): %3</source>
        <translation>已列为第 %1 项隐患（%2）：%3</translation>
    </message>
    <message>
        <source>Proposed finding dismissed: %1</source>
        <translation>规则建议已驳回：%1</translation>
    </message>
    <message>
        <source>Within limits</source>
        <translation>在限值内</translation>
    </message>
    <message>
        <source>%1 of %2 items answered</source>
        <translation>已答 %1 / %2 项</translation>
    </message>
    <message>
        <source>%1 required still open</source>
        <translation>尚有 %1 个必填项未完成</translation>
    </message>
    <message>
        <source>Item %1 of %2</source>
        <translation>第 %1 项，共 %2 项</translation>
    </message>
</context>
<context>
    <name>InspectionTableModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
</context>
<context>
    <name>InspectionsPage</name>
    <message>
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Finalized</source>
        <translation>已定稿</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Search by customer name or account number</source>
        <translation>按客户名称或户号搜索</translation>
    </message>
    <message>
        <source>No inspection matches. Choose another status or change the search.</source>
        <translation>没有符合条件的检查。请选择其他状态或修改搜索内容。</translation>
    </message>
    <message>
        <source>Could not read the inspections: %1</source>
        <translation>无法读取检查记录：%1</translation>
    </message>
    <message numerus="yes">
        <source>the newest %n</source>
        <translation>
            <numerusform>最新 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n inspection(s)</source>
        <translation>
            <numerusform>共 %n 次检查</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InspectorListModel</name>
    <message>
        <source>grade %1</source>
        <translation>%1级</translation>
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
    <name>LogWindow</name>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Information and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>The last %1 records in memory. The log file: %2</source>
        <translation>内存中最近的 %1 条记录。日志文件：%2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Export diagnostics…</source>
        <translation>导出诊断信息…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
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
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
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
        <source>Findings</source>
        <translation>隐患</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知书</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>检查计划</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>设备 %1</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move visits</source>
        <translation>改期</translation>
    </message>
    <message numerus="yes">
        <source>Move %n visit(s)</source>
        <translation><numerusform>改期 %n 项检查任务</numerusform></translation>
    </message>
    <message>
        <source>Keep each visit's inspector</source>
        <translation>保持原负责人</translation>
    </message>
    <message>
        <source>New day</source>
        <translation>新日期</translation>
    </message>
    <message>
        <source>Lead inspector</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>NewFindingForm</name>
    <message>
        <source>What is wrong, where</source>
        <translation>存在什么问题，位于何处</translation>
    </message>
    <message>
        <source>What the customer must do</source>
        <translation>客户应如何整改</translation>
    </message>
    <message>
        <source>Add finding</source>
        <translation>添加隐患</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>隐患描述</translation>
    </message>
    <message>
        <source>Hazard grade</source>
        <translation>隐患等级</translation>
    </message>
    <message>
        <source>Rectification requirement</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Rectification deadline</source>
        <translation>整改期限</translation>
    </message>
</context>
<context>
    <name>NoticeModels</name>
    <message>
        <source>Inspection result notice</source>
        <translation>用电检查结果通知书</translation>
    </message>
    <message>
        <source>Hazard rectification notice</source>
        <translation>隐患整改通知书</translation>
    </message>
    <message>
        <source>Contract-breach notice</source>
        <translation>违约用电通知书</translation>
    </message>
    <message>
        <source>Re-inspection opinion</source>
        <translation>复查意见书</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已出具</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Issued at</source>
        <translation>出具时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>NoticePreview</name>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Could not open the PDF %1.</source>
        <translation>无法打开 PDF %1。</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已向打印机发送 %n 页。</numerusform>
        </translation>
    </message>
    <message>
        <source>The printer could not be used.</source>
        <translation>无法使用打印机。</translation>
    </message>
    <message>
        <source>Save the notice as</source>
        <translation>将通知书另存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save the notice: %1</source>
        <translation>无法保存通知书：%1</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已另存为 %1</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>Notices</source>
        <translation>通知书</translation>
    </message>
    <message>
        <source>Search by notice number, customer name or account number</source>
        <translation>按通知书编号、客户名称或户号搜索</translation>
    </message>
    <message>
        <source>Re-print</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <source>Print selected</source>
        <translation>打印所选</translation>
    </message>
    <message>
        <source>Issue notices for all finalized inspections</source>
        <translation>为全部已定稿的检查出具通知书</translation>
    </message>
    <message>
        <source>No notice yet. Notices are issued when an inspection is finalized, or here for all.</source>
        <translation>暂无通知书。检查定稿时出具通知书，也可在此为全部已定稿的检查出具。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Could not read the notices: %1</source>
        <translation>无法读取通知书：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s)</source>
        <translation>
            <numerusform>共 %n 份通知书</numerusform>
        </translation>
    </message>
    <message>
        <source>Notice %1 is void and is not printed again.</source>
        <translation>通知书 %1 已作废，不再打印。</translation>
    </message>
    <message>
        <source>Could not print notice %1: %2</source>
        <translation>无法打印通知书 %1：%2</translation>
    </message>
    <message>
        <source>Could not issue the notice: %1</source>
        <translation>无法出具通知书：%1</translation>
    </message>
    <message>
        <source>Notice %1</source>
        <translation>通知书 %1</translation>
    </message>
    <message>
        <source>Could not open the PDF %1.</source>
        <translation>无法打开 PDF %1。</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已向打印机发送 %n 页。</numerusform>
        </translation>
    </message>
    <message>
        <source>The printer could not be used.</source>
        <translation>无法使用打印机。</translation>
    </message>
    <message>
        <source>Every finalized inspection has its notice.</source>
        <translation>每个已定稿的检查都已有通知书。</translation>
    </message>
    <message>
        <source>Issuing notices…</source>
        <translation>正在出具通知书…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>Issued %n notice(s).</source>
        <translation>
            <numerusform>已出具 %n 份通知书。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) could not be issued: %1</source>
        <translation>
            <numerusform>%n 份通知书未能出具：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpenFindingsModel</name>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>隐患描述</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>隐患等级</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1（已超期）</translation>
    </message>
</context>
<context>
    <name>PageFactory</name>
    <message>
        <source>office dashboard</source>
        <translation>办公室统计看板</translation>
    </message>
    <message>
        <source>Not built yet. This page arrives with the %1; until then it does nothing.</source>
        <translation>此页面尚未完成，将随“%1”功能一起提供；在此之前它不做任何事。</translation>
    </message>
</context>
<context>
    <name>PhotoListModel</name>
    <message>
        <source>Photo %1</source>
        <translation>照片 %1</translation>
    </message>
    <message>
        <source>%1 (annotated)</source>
        <translation>%1（已标注）</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Caption of the selected photo</source>
        <translation>所选照片的说明</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Import from files</source>
        <translation>从文件导入</translation>
    </message>
    <message>
        <source>Move left</source>
        <translation>左移</translation>
    </message>
    <message>
        <source>Move right</source>
        <translation>右移</translation>
    </message>
    <message>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No photos yet. Take one with the camera or import from files.</source>
        <translation>还没有照片。可拍照，或从文件导入。</translation>
    </message>
    <message>
        <source>No photos.</source>
        <translation>没有照片。</translation>
    </message>
    <message>
        <source>Delete photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <source>Delete the selected photo? It is removed from this inspection.</source>
        <translation>删除所选照片？照片将从本次检查中移除。</translation>
    </message>
    <message>
        <source>Import photos</source>
        <translation>导入照片</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>图片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Adding photos: %1 of %2</source>
        <translation>正在添加照片：已完成 %1 张，共 %2 张</translation>
    </message>
    <message>
        <source>Stopped: %1 of %2 photos were added.</source>
        <translation>已停止：已添加 %1 张，共 %2 张。</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) added.</source>
        <translation>
            <numerusform>已添加 %n 张照片。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be added:</source>
        <translation>
            <numerusform>%n 个文件未能添加：</numerusform>
        </translation>
    </message>
    <message>
        <source>The annotated photo was added after the original.</source>
        <translation>标注后的照片已添加在原照片之后。</translation>
    </message>
</context>
<context>
    <name>PlanModel</name>
    <message>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Planned date</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Lead inspector</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>检查类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>Plan</source>
        <translation>检查计划</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No visit matches. Change the filters, or assign visits from Today.</source>
        <translation>没有符合条件的检查任务。请更改筛选条件，或在“今日”页安排检查。</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>改期…</translation>
    </message>
    <message>
        <source>Cancel visit…</source>
        <translation>取消任务…</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>All inspectors</source>
        <translation>全部检查人员</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation><numerusform>共 %n 项检查任务</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>, %n overdue</source>
        <translation><numerusform>，其中 %n 项已过计划日</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation><numerusform>已选 %n 项</numerusform></translation>
    </message>
    <message>
        <source>Tap rows to select</source>
        <translation>点按行以选择</translation>
    </message>
    <message>
        <source>Only planned visits can be moved or cancelled. Not planned any more: %1</source>
        <translation>只有计划中的检查任务才能改期或取消。以下任务已不在计划中：%1</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n visit(s).</source>
        <translation><numerusform>已改期 %n 项检查任务。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Cancelled %n visit(s).</source>
        <translation><numerusform>已取消 %n 项检查任务。</numerusform></translation>
    </message>
</context>
<context>
    <name>ProblemTableModel</name>
    <message>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>ProfilePdfDialog</name>
    <message>
        <source>Customer profile</source>
        <translation>客户概况</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Saved in %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>ProposalCard</name>
    <message>
        <source>Accept as finding</source>
        <translation>采纳为隐患</translation>
    </message>
    <message>
        <source>Reason for not accepting (required to dismiss)</source>
        <translation>不采纳的原因（驳回时必填）</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Hazard grade if accepted</source>
        <translation>采纳时的隐患等级</translation>
    </message>
    <message>
        <source>Or dismiss it, saying why</source>
        <translation>或说明原因后驳回</translation>
    </message>
    <message>
        <source>Recorded now %1, at the previous visit %2</source>
        <translation>本次记录 %1，上次检查记录 %2</translation>
    </message>
    <message>
        <source>Measured %1, limit %2</source>
        <translation>实测 %1，限值 %2</translation>
    </message>
</context>
<context>
    <name>RecurringHazardsModel</name>
    <message>
        <source>Hazard</source>
        <translation>隐患</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现次数</translation>
    </message>
    <message>
        <source>First found</source>
        <translation>首次发现</translation>
    </message>
    <message>
        <source>Last found</source>
        <translation>最近发现</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现状</translation>
    </message>
    <message>
        <source>%n time(s)</source>
        <translation>%n 次</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>仍未整改</translation>
    </message>
    <message>
        <source>Put right</source>
        <translation>已整改</translation>
    </message>
</context>
<context>
    <name>ReviewLabels</name>
    <message>
        <source>Inspector</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>Customer's representative</source>
        <translation>客户代表</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>见证人</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Back to the checklist</source>
        <translation>返回检查表</translation>
    </message>
    <message>
        <source>Review and sign</source>
        <translation>复核与签名</translation>
    </message>
    <message>
        <source>Defects that need a photo as evidence:</source>
        <translation>以下缺陷项须附照片作为证据：</translation>
    </message>
    <message>
        <source>Required items still open</source>
        <translation>未完成的必填项</translation>
    </message>
    <message>
        <source>Proposed findings</source>
        <translation>规则建议的隐患</translation>
    </message>
    <message>
        <source>Add a finding the checklist does not cover</source>
        <translation>添加检查表以外的隐患</translation>
    </message>
    <message>
        <source>Finalize the inspection</source>
        <translation>检查定稿</translation>
    </message>
    <message>
        <source>Finalize</source>
        <translation>定稿</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>隐患</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>This inspection is finalized and sealed: it is shown as signed and cannot be changed.</source>
        <translation>本次检查已定稿封存：按签署时的内容显示，不能再修改。</translation>
    </message>
    <message>
        <source>This inspection is void: it is shown as it was and cannot be changed.</source>
        <translation>本次检查已作废：按原内容显示，不能再修改。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Tap an item to answer it.</source>
        <translation>点击检查项即可前往填写。</translation>
    </message>
    <message>
        <source>Every required item is answered.</source>
        <translation>必填检查项已全部完成。</translation>
    </message>
    <message>
        <source>Measured values outside their limits. Accept each as a finding, or dismiss it with a reason.</source>
        <translation>以下测量值超出限值。请逐条采纳为隐患，或说明原因后驳回。</translation>
    </message>
    <message>
        <source>No proposed findings to decide.</source>
        <translation>没有待处理的规则建议。</translation>
    </message>
    <message>
        <source>Adjust the grade, requirement and deadline; each change is stored at once.</source>
        <translation>可调整隐患等级、整改要求和整改期限，每项修改即时保存。</translation>
    </message>
    <message>
        <source>The findings as they were finalized.</source>
        <translation>定稿时的隐患记录。</translation>
    </message>
    <message>
        <source>No findings recorded.</source>
        <translation>未记录隐患。</translation>
    </message>
    <message numerus="yes">
        <source>%n required item(s) still open</source>
        <translation>
            <numerusform>还有 %n 个必填检查项未完成</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n proposed finding(s) to accept or dismiss</source>
        <translation>
            <numerusform>还有 %n 条规则建议的隐患待采纳或驳回</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n defect(s) without the required photo</source>
        <translation>
            <numerusform>还有 %n 个缺陷项未附照片</numerusform>
        </translation>
    </message>
    <message>
        <source>Signatures missing: %1</source>
        <translation>还缺签名：%1</translation>
    </message>
    <message>
        <source>Before finalizing:</source>
        <translation>定稿前还需完成：</translation>
    </message>
    <message>
        <source>Everything is complete. Finalizing seals the record: it cannot be changed afterwards.</source>
        <translation>各项均已完成。定稿后记录即封存，不能再修改。</translation>
    </message>
    <message>
        <source>Finalize this inspection? The answers, findings and signatures are sealed and cannot be changed afterwards.</source>
        <translation>确定将本次检查定稿吗？检查结果、隐患和签名将被封存，之后不能再修改。</translation>
    </message>
</context>
<context>
    <name>SectionListModel</name>
    <message>
        <source>%1 of %2 answered</source>
        <translation>已答 %1/%2</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Keep the untouched original of each photo</source>
        <translation>保留每张照片的未处理原图</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Device code</source>
        <translation>设备编码</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <source>This tablet's inspector</source>
        <translation>本机检查人员</translation>
    </message>
    <message>
        <source>Issuing unit on notices</source>
        <translation>通知书落款单位</translation>
    </message>
    <message>
        <source>Notice number prefix</source>
        <translation>通知书编号前缀</translation>
    </message>
    <message>
        <source>Seal on notices</source>
        <translation>通知书印章</translation>
    </message>
    <message>
        <source>Photo size (long side)</source>
        <translation>照片尺寸（长边）</translation>
    </message>
    <message>
        <source>Photo JPEG quality</source>
        <translation>照片 JPEG 质量</translation>
    </message>
    <message>
        <source>Choose seal image…</source>
        <translation>选择印章图片…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Choose the seal image</source>
        <translation>选择印章图片</translation>
    </message>
    <message>
        <source>Seal images (*.png *.jpg *.jpeg)</source>
        <translation>印章图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Saved. Notices issued from now on carry this seal.</source>
        <translation>已保存。此后出具的通知书将加盖此印章。</translation>
    </message>
    <message>
        <source>Saved. Notices issued from now on leave room for a hand stamp.</source>
        <translation>已保存。此后出具的通知书留出位置供手工盖章。</translation>
    </message>
    <message>
        <source>No seal</source>
        <translation>未设印章</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Tap your name, then enter your PIN.</source>
        <translation>请点选您的姓名，再输入 PIN 码。</translation>
    </message>
    <message>
        <source>Clear the PIN</source>
        <translation>清空 PIN 码</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <source>Tap your name first.</source>
        <translation>请先点选您的姓名。</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. Tries left before a 5-minute lock: %n</source>
        <translation>
            <numerusform>PIN 错误。再输错 %n 次将锁定 5 分钟。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong PINs: %1 cannot sign in until %2. Another user can sign in, or ask an admin.</source>
        <translation>PIN 输错次数过多：%1 在 %2 之前不能登录。其他用户可以登录，或请管理员解锁。</translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Sign inside the box</source>
        <translation>请在框内签名</translation>
    </message>
</context>
<context>
    <name>SignatureSection</name>
    <message>
        <source>Representative refuses to sign</source>
        <translation>客户代表拒签</translation>
    </message>
    <message>
        <source>Withdraw the refusal</source>
        <translation>撤销拒签</translation>
    </message>
    <message>
        <source>The representative refused to sign. A witness signs to confirm the refusal.</source>
        <translation>客户代表拒绝签字，由见证人签名确认。</translation>
    </message>
</context>
<context>
    <name>SignerBlock</name>
    <message>
        <source>Name of the representative</source>
        <translation>客户代表姓名</translation>
    </message>
    <message>
        <source>Name of the witness</source>
        <translation>见证人姓名</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签名确认</translation>
    </message>
    <message>
        <source>Sign again</source>
        <translation>重新签名</translation>
    </message>
    <message>
        <source>Keep the stored signature</source>
        <translation>保留已存签名</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Signed by %1 at %2</source>
        <translation>%1 已于 %2 签名</translation>
    </message>
    <message>
        <source>Not signed yet</source>
        <translation>尚未签名</translation>
    </message>
</context>
<context>
    <name>StartInspectionDialog</name>
    <message>
        <source>Start an inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Kind of inspection</source>
        <translation>检查类型</translation>
    </message>
    <message>
        <source>Inspectors on site (tap to tick)</source>
        <translation>现场检查人员（点选）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <source>%1 · account no. %2</source>
        <translation>%1 · 户号 %2</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>(newest)</source>
        <translation>（最新）</translation>
    </message>
    <message>
        <source>%1 inspectors on site</source>
        <translation>现场检查人员 %1 名</translation>
    </message>
    <message>
        <source>Tick at least %1 inspectors on site (%2 ticked)</source>
        <translation>请至少选择 %1 名现场检查人员（已选 %2 名）</translation>
    </message>
</context>
<context>
    <name>StartupError</name>
    <message>
        <source>fieldapp cannot start</source>
        <translation>程序无法启动</translation>
    </message>
</context>
<context>
    <name>SupportSection</name>
    <message>
        <source>Support</source>
        <translation>技术支持</translation>
    </message>
    <message>
        <source>The log and the diagnostics help support find out what went wrong. The diagnostics contain the log, versions, settings, checks and error reports, never the database or photos.</source>
        <translation>日志和诊断信息可帮助技术支持查明问题。诊断信息包含日志、版本、设置、检查结果和错误报告，绝不包含数据库或照片。</translation>
    </message>
    <message>
        <source>Show log…</source>
        <translation>查看日志…</translation>
    </message>
    <message>
        <source>Export diagnostics…</source>
        <translation>导出诊断信息…</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>History</source>
        <translation>同步记录</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Visit planned</source>
        <translation>已安排检查</translation>
    </message>
    <message>
        <source>Planned visit made</source>
        <translation>安排的检查已完成</translation>
    </message>
    <message>
        <source>Planned visit cancelled</source>
        <translation>安排的检查已取消</translation>
    </message>
    <message>
        <source>Inspection: %1</source>
        <translation>检查：%1</translation>
    </message>
    <message>
        <source>Finding no. %1 raised</source>
        <translation>第 %1 项隐患</translation>
    </message>
    <message>
        <source>Finding no. %1: %2</source>
        <translation>第 %1 项隐患：%2</translation>
    </message>
    <message>
        <source>%n finding(s)</source>
        <translation>%n 项隐患</translation>
    </message>
    <message>
        <source>, %n serious</source>
        <translation>，其中 %n 项重大隐患</translation>
    </message>
    <message>
        <source>notice %1</source>
        <translation>通知书 %1</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续检查</translation>
    </message>
    <message>
        <source>No inspections in progress. Start one from a customer below or in Customers.</source>
        <translation>没有进行中的检查。可从下方的客户或“客户”页开始新的检查。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <source>No visits assigned. The office's plan arrives with the next sync.</source>
        <translation>暂无检查任务。办公室安排的任务会随下次同步到达。</translation>
    </message>
    <message>
        <source>No visits assigned to you. The office's plan arrives with the next sync.</source>
        <translation>没有分派给您的检查任务。办公室的计划随下次同步到达。</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>安排检查…</translation>
    </message>
    <message>
        <source>Plan visits to the customers due, for an inspector and a day</source>
        <translation>为到期客户安排检查人员和日期</translation>
    </message>
    <message>
        <source>No customer is overdue for a periodic inspection.</source>
        <translation>没有逾期未检的客户。</translation>
    </message>
    <message>
        <source>No periodic inspection falls due in the next 30 days.</source>
        <translation>30天内没有到期的周期检查。</translation>
    </message>
    <message>
        <source>Could not read today's work: %1</source>
        <translation>无法读取今日工作：%1</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2.</source>
        <translation>仅显示前 %1 个，共 %2 个。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>收起</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>展开</translation>
    </message>
    <message numerus="yes">
        <source>In progress (%n)</source>
        <translation>
            <numerusform>进行中（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>My visits · %1 (%n)</source>
        <translation><numerusform>我的任务 · %1（%n）</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Other inspectors' visits (%n)</source>
        <translation><numerusform>其他人员的任务（%n）</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Assigned visits (%n)</source>
        <translation>
            <numerusform>检查任务（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Overdue (%n)</source>
        <translation>
            <numerusform>已逾期（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Due within 30 days (%n)</source>
        <translation>
            <numerusform>30天内到期（%n）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <source>New PIN for %1</source>
        <translation>为 %1 设置新 PIN 码</translation>
    </message>
    <message>
        <source>— not an inspector —</source>
        <translation>— 不是检查员 —</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查员</translation>
    </message>
    <message>
        <source>PIN (4–8 digits)</source>
        <translation>PIN 码（4–8 位数字）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再输一次 PIN 码</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Save PIN</source>
        <translation>保存 PIN 码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的 PIN 码不一致，请输入同一个 PIN 码两次。</translation>
    </message>
</context>
<context>
    <name>UsersSection</name>
    <message>
        <source>Inspector</source>
        <translation>检查员</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Only an admin can change the settings of this tablet.</source>
        <translation>只有管理员可以修改本平板的设置。</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>People who sign in on this tablet with a PIN. Without users nobody signs in; the first user must be an admin. Users stay on this tablet: they are never synced.</source>
        <translation>在本平板上用 PIN 码登录的人员。没有用户时无需登录；第一个用户须为管理员。用户只保存在本平板上，不参与同步。</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Change PIN…</source>
        <translation>修改 PIN 码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Deactivate %1? They can no longer sign in on this tablet.</source>
        <translation>停用 %1？停用后不能再在本平板上登录。</translation>
    </message>
</context>
</TS>
