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
        <source>Dashboard</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>设备 %1</translation>
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
            <numerusform>已向打印机发送 %n 页。</numerusform></translation>
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
            <numerusform>共 %n 份通知书</numerusform></translation>
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
            <numerusform>已向打印机发送 %n 页。</numerusform></translation>
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
            <numerusform>已出具 %n 份通知书。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) could not be issued: %1</source>
        <translation>
            <numerusform>%n 份通知书未能出具：%1</numerusform></translation>
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
        <source>rectification follow-up</source>
        <translation>隐患整改跟踪</translation>
    </message>
    <message>
        <source>Excel sync between tablets and the office</source>
        <translation>平板与办公室之间的 Excel 同步</translation>
    </message>
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
        <source>Measured %1, limit %2</source>
        <translation>实测 %1，限值 %2</translation>
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
        <source>Issuing unit on notices</source>
        <translation>通知书落款单位</translation>
    </message>
    <message>
        <source>Notice number prefix</source>
        <translation>通知书编号前缀</translation>
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
        <source>Saved.</source>
        <translation>已保存。</translation>
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
    <message numerus="yes">
        <source>In progress (%n)</source>
        <translation>
            <numerusform>进行中（%n）</numerusform>
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
</TS>
