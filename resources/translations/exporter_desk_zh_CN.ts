<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Choices</name>
    <message>
        <source>{number}  ({count} packages, {date})</source>
        <translation>{number}  （{count} 件，{date}）</translation>
    </message>
</context>
<context>
    <name>ContractEditor</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Delivery from</source>
        <translation>交货期自</translation>
    </message>
    <message>
        <source>Delivery until</source>
        <translation>交货期至</translation>
    </message>
    <message>
        <source>Partial shipment allowed</source>
        <translation>允许分批装运</translation>
    </message>
    <message>
        <source>Transhipment allowed</source>
        <translation>允许转运</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>包装</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>检验</translation>
    </message>
    <message>
        <source>Insurance</source>
        <translation>保险</translation>
    </message>
    <message>
        <source>Arbitration</source>
        <translation>仲裁</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>New invoice from contract</source>
        <translation>由合同新建发票</translation>
    </message>
    <message>
        <source>Sales leg from purchase leg</source>
        <translation>由采购合同生成销售合同</translation>
    </message>
</context>
<context>
    <name>CreditEditor</name>
    <message>
        <source>Commercial invoice</source>
        <translation>商业发票</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Transport document</source>
        <translation>运输单据</translation>
    </message>
    <message>
        <source>Insurance document</source>
        <translation>保险单据</translation>
    </message>
    <message>
        <source>Certificate of origin</source>
        <translation>原产地证书</translation>
    </message>
    <message>
        <source>Inspection certificate</source>
        <translation>检验证书</translation>
    </message>
    <message>
        <source>Beneficiary's certificate</source>
        <translation>受益人证明</translation>
    </message>
    <message>
        <source>Draft (bill of exchange)</source>
        <translation>汇票</translation>
    </message>
    <message>
        <source>Other document</source>
        <translation>其他单据</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>conditional</source>
        <translation>有条件</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <source>Credit number (20)</source>
        <translation>信用证号 (20)</translation>
    </message>
    <message>
        <source>Currency (32B)</source>
        <translation>币种 (32B)</translation>
    </message>
    <message>
        <source>Amount (32B)</source>
        <translation>金额 (32B)</translation>
    </message>
    <message>
        <source>Tolerance + % (39A)</source>
        <translation>溢装 + % (39A)</translation>
    </message>
    <message>
        <source>Tolerance - % (39A)</source>
        <translation>短装 - % (39A)</translation>
    </message>
    <message>
        <source>Issued (31C)</source>
        <translation>开证日期 (31C)</translation>
    </message>
    <message>
        <source>Expiry (31D)</source>
        <translation>到期日 (31D)</translation>
    </message>
    <message>
        <source>Expiry place (31D)</source>
        <translation>到期地点 (31D)</translation>
    </message>
    <message>
        <source>Latest shipment (44C)</source>
        <translation>最迟装运日 (44C)</translation>
    </message>
    <message>
        <source>Presentation days (48)</source>
        <translation>交单期天数 (48)</translation>
    </message>
    <message>
        <source>Partial shipment (43P)</source>
        <translation>分批装运 (43P)</translation>
    </message>
    <message>
        <source>Transhipment (43T)</source>
        <translation>转运 (43T)</translation>
    </message>
    <message>
        <source>Port of loading (44E)</source>
        <translation>装货港 (44E)</translation>
    </message>
    <message>
        <source>Port of discharge (44F)</source>
        <translation>卸货港 (44F)</translation>
    </message>
    <message>
        <source>Applicant (50)</source>
        <translation>申请人 (50)</translation>
    </message>
    <message>
        <source>Beneficiary (59)</source>
        <translation>受益人 (59)</translation>
    </message>
    <message>
        <source>Issuing bank</source>
        <translation>开证行</translation>
    </message>
    <message>
        <source>Goods (45A)</source>
        <translation>货物描述 (45A)</translation>
    </message>
    <message>
        <source>Additional conditions (47A)</source>
        <translation>附加条款 (47A)</translation>
    </message>
    <message>
        <source>46A</source>
        <translation>46A</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Letter of credit</source>
        <translation>信用证</translation>
    </message>
    <message>
        <source>Paste the SWIFT MT700 (or MT707 amendment) text here:</source>
        <translation>在此粘贴 SWIFT MT700（或 MT707 修改）报文：</translation>
    </message>
    <message>
        <source>Fill the form from MT700</source>
        <translation>根据 MT700 填写表单</translation>
    </message>
    <message>
        <source>Apply MT707 amendment</source>
        <translation>应用 MT707 修改</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>贸易条款</translation>
    </message>
    <message>
        <source>Documents required</source>
        <translation>所需单据</translation>
    </message>
    <message>
        <source>Amendments</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Originals</source>
        <translation>正本份数</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>副本份数</translation>
    </message>
    <message>
        <source>Special wording</source>
        <translation>特殊措辞</translation>
    </message>
    <message>
        <source>Add document</source>
        <translation>添加单据</translation>
    </message>
    <message>
        <source>Remove document</source>
        <translation>删除单据</translation>
    </message>
    <message>
        <source>Amendment {n} of {date}: {changes}</source>
        <translation>第 {n} 次修改（{date}）：{changes}</translation>
    </message>
    <message>
        <source>The currency is required.</source>
        <translation>必须填写币种。</translation>
    </message>
    <message>
        <source>Reading the MT700...</source>
        <translation>正在读取 MT700...</translation>
    </message>
    <message>
        <source>Read {fields} fields; {unplaced} line(s) not placed. Check the form, then save.</source>
        <translation>已读取 {fields} 个字段；{unplaced} 行未能归入。请检查表单后保存。</translation>
    </message>
    <message>
        <source>Lines the reader could not place show here.</source>
        <translation>无法归入表单的行显示在这里。</translation>
    </message>
    <message>
        <source>Mandatory fields missing: {fields}</source>
        <translation>缺少必填字段：{fields}</translation>
    </message>
    <message>
        <source>Lines not placed (enter them by hand if they matter):</source>
        <translation>未归入的行（如有需要请手工录入）：</translation>
    </message>
    <message>
        <source>Every line was placed.</source>
        <translation>所有行均已归入。</translation>
    </message>
    <message>
        <source>(no tag)</source>
        <translation>（无标签）</translation>
    </message>
    <message>
        <source>line {line} {tag} {text} ({reason})</source>
        <translation>第 {line} 行 {tag} {text}（{reason}）</translation>
    </message>
    <message>
        <source>Correct the marked fields first.</source>
        <translation>请先更正标出的字段。</translation>
    </message>
    <message>
        <source>The credit {number} was saved.</source>
        <translation>信用证 {number} 已保存。</translation>
    </message>
    <message>
        <source>Save the credit first; then paste its MT707.</source>
        <translation>请先保存信用证，再粘贴其 MT707。</translation>
    </message>
</context>
<context>
    <name>DealEditor</name>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Purchase leg (contract)</source>
        <translation>采购端（合同）</translation>
    </message>
    <message>
        <source>Sales leg (contract)</source>
        <translation>销售端（合同）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Legs</source>
        <translation>购销两端</translation>
    </message>
    <message>
        <source>Sales leg from purchase leg</source>
        <translation>由采购合同生成销售合同</translation>
    </message>
    <message>
        <source>type a contract number</source>
        <translation>输入合同编号</translation>
    </message>
    <message>
        <source>Margin: {amount}</source>
        <translation>毛利：{amount}</translation>
    </message>
    <message>
        <source>The legs are in different currencies: no margin shown.</source>
        <translation>两端币种不同：不显示毛利。</translation>
    </message>
    <message>
        <source>Choose the purchase leg first.</source>
        <translation>请先选择采购合同。</translation>
    </message>
    <message>
        <source>The purchase leg must be a purchase contract.</source>
        <translation>采购端必须是采购合同。</translation>
    </message>
    <message>
        <source>Issuing the bank pack...</source>
        <translation>正在出具交单文件包...</translation>
    </message>
    <message>
        <source>The bank pack {number} was issued: {path}</source>
        <translation>交单文件包 {number} 已出具：{path}</translation>
    </message>
</context>
<context>
    <name>DealView</name>
    <message>
        <source>Building the bank pack...</source>
        <translation>正在生成交单文件包...</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Letter of credit</source>
        <translation>信用证</translation>
    </message>
    <message>
        <source>Received documents</source>
        <translation>收到的单据</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>采购</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Margin rate</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>Flow of goods</source>
        <translation>货物流向</translation>
    </message>
    <message>
        <source>Flow of funds</source>
        <translation>资金流向</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原产地</translation>
    </message>
    <message>
        <source>Port of loading</source>
        <translation>装货港</translation>
    </message>
    <message>
        <source>Port of discharge</source>
        <translation>卸货港</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>付款人</translation>
    </message>
    <message>
        <source>Pays from</source>
        <translation>付款账户</translation>
    </message>
    <message>
        <source>Payee</source>
        <translation>收款人</translation>
    </message>
    <message>
        <source>Paid into</source>
        <translation>收款账户</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Sales: the buyer pays us</source>
        <translation>销售：买方付款给我方</translation>
    </message>
    <message>
        <source>Purchase: we pay the supplier</source>
        <translation>采购：我方付款给供应商</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Originals</source>
        <translation>正本份数</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>副本份数</translation>
    </message>
    <message>
        <source>Special wording</source>
        <translation>特殊措辞</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Examine again</source>
        <translation>重新审单</translation>
    </message>
    <message>
        <source>Issue bank pack...</source>
        <translation>出具交单文件包...</translation>
    </message>
    <message>
        <source>Issue the documents the credit requires, then the bank pack: one registered, signed PDF with a cover of the deal summary, the examination and each original's verification.</source>
        <translation>先出具信用证要求的单据，再出具交单文件包：一份已登记、已签名的 PDF，封面包含交易摘要、审单结果及每份正本的验证结果。</translation>
    </message>
    <message>
        <source>Attach...</source>
        <translation>附加...</translation>
    </message>
    <message>
        <source>Drop a received file here to attach it to the deal.</source>
        <translation>将收到的文件拖放到此处，即可附加到该交易。</translation>
    </message>
    <message>
        <source>Examining the deal...</source>
        <translation>正在审核交易...</translation>
    </message>
    <message>
        <source>Save the deal to see its figures and examine it.</source>
        <translation>保存交易后即可查看数据并进行审单。</translation>
    </message>
    <message>
        <source>Enter or paste the credit...</source>
        <translation>录入或粘贴信用证...</translation>
    </message>
    <message>
        <source>The legs are in two currencies ({currencies}): banks want a merchanting deal to settle in one currency through one account. The margin is not converted.</source>
        <translation>购销两端使用两种币种（{currencies}）：银行要求转口贸易以同一币种、通过同一账户结算。毛利未作换算。</translation>
    </message>
    <message>
        <source>The company has no bank account on file: the bank needs the one account that receives the sale and pays the purchase.</source>
        <translation>公司未登记银行账户：银行需要一个既收取销售货款又支付采购货款的账户。</translation>
    </message>
    <message>
        <source>No letter of credit is recorded for this deal.</source>
        <translation>此交易尚未记录信用证。</translation>
    </message>
    <message>
        <source>Open the credit...</source>
        <translation>打开信用证...</translation>
    </message>
    <message>
        <source>Credit {number}: {currency} {amount} (tolerance +{plus} % / -{minus} %)</source>
        <translation>信用证 {number}：{currency} {amount}（溢短装 +{plus} % / -{minus} %）</translation>
    </message>
    <message>
        <source>Latest shipment {shipment}; presentation within {days} days; expires {expiry} at {place}</source>
        <translation>最迟装运 {shipment}；{days} 天内交单；{expiry} 在 {place} 到期</translation>
    </message>
    <message>
        <source>Partial shipment: {partial}; transhipment: {tranship}; amendments: {count}</source>
        <translation>分批装运：{partial}；转运：{tranship}；修改次数：{count}</translation>
    </message>
    <message>
        <source>Discrepancies</source>
        <translation>不符点</translation>
    </message>
    <message>
        <source>The examiner found no discrepancy.</source>
        <translation>审单未发现不符点。</translation>
    </message>
    <message>
        <source>{errors} discrepancy(ies) a bank would refuse, {warnings} warning(s). Click one to open the field it names.</source>
        <translation>{errors} 个银行会拒付的不符点，{warnings} 个提醒。点击即可打开所指字段。</translation>
    </message>
</context>
<context>
    <name>Discrepancies</name>
    <message>
        <source>Deal</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Purchase contract</source>
        <translation>采购合同</translation>
    </message>
    <message>
        <source>Sales contract</source>
        <translation>销售合同</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>货运</translation>
    </message>
    <message>
        <source>Received document</source>
        <translation>收到的单据</translation>
    </message>
    <message>
        <source>Letter of credit</source>
        <translation>信用证</translation>
    </message>
    <message>
        <source>Discrepancy</source>
        <translation>不符点</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>审单结果</translation>
    </message>
    <message>
        <source>Go to: {field}</source>
        <translation>转到：{field}</translation>
    </message>
    <message>
        <source>Open it and go to the field</source>
        <translation>打开并转到该字段</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理办法</translation>
    </message>
    <message>
        <source>net weight</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>gross weight</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>marks and numbers</source>
        <translation>唛头</translation>
    </message>
    <message>
        <source>packages</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>goods lines</source>
        <translation>货物明细</translation>
    </message>
    <message>
        <source>goods</source>
        <translation>货物</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>total</source>
        <translation>总额</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Incoterm</source>
        <translation>贸易术语</translation>
    </message>
    <message>
        <source>containers</source>
        <translation>集装箱</translation>
    </message>
    <message>
        <source>number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>vessel</source>
        <translation>船名</translation>
    </message>
    <message>
        <source>transport document number</source>
        <translation>运输单据号</translation>
    </message>
    <message>
        <source>seller</source>
        <translation>卖方</translation>
    </message>
    <message>
        <source>buyer</source>
        <translation>买方</translation>
    </message>
    <message>
        <source>applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>beneficiary</source>
        <translation>受益人</translation>
    </message>
    <message>
        <source>documents required</source>
        <translation>所需单据</translation>
    </message>
    <message>
        <source>originals</source>
        <translation>正本</translation>
    </message>
    <message>
        <source>expiry date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>latest shipment date</source>
        <translation>最迟装运日</translation>
    </message>
    <message>
        <source>presentation period</source>
        <translation>交单期</translation>
    </message>
    <message>
        <source>partial shipment</source>
        <translation>分批装运</translation>
    </message>
    <message>
        <source>transhipment</source>
        <translation>转运</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>编号</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Issue a document</source>
        <translation>签发单据</translation>
    </message>
    <message>
        <source>Visible company seal</source>
        <translation>显示公司印章</translation>
    </message>
    <message>
        <source>Show the seal image (Settings), the company name and the signing time in the document's signature box</source>
        <translation>在单据的签名框中显示印章图片（见设置）、公司名称和签署时间</translation>
    </message>
    <message>
        <source>Register and sign</source>
        <translation>登记并签名</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>type a number</source>
        <translation>输入编号</translation>
    </message>
    <message>
        <source>From invoice</source>
        <translation>来源发票</translation>
    </message>
    <message>
        <source>From contract</source>
        <translation>来源合同</translation>
    </message>
    <message>
        <source>Choose the record from the list.</source>
        <translation>请从列表中选择记录。</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>货运</translation>
    </message>
    <message>
        <source>Pack of</source>
        <translation>单据包范围</translation>
    </message>
    <message>
        <source>type a reference</source>
        <translation>输入参考号</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Originals</source>
        <translation>正本份数</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>副本份数</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>Registered as entry {index}</source>
        <translation>登记条目号 {index}</translation>
    </message>
    <message>
        <source>Issue again</source>
        <translation>重新签发</translation>
    </message>
    <message>
        <source>Issue {kind} {number} again from the current data of its {source}?

The new document supersedes this one: anyone who verifies this one online is told to ask for the new one.</source>
        <translation>按{source}的当前数据重新签发{kind} {number}？

新单据将替代此单据：联网核验此单据的任何人都会被告知索取新单据。</translation>
    </message>
    <message>
        <source>Registering and signing...</source>
        <translation>正在登记并签名...</translation>
    </message>
    <message>
        <source>Nothing changed in the data since {number} was issued: it stays the current document.</source>
        <translation>自 {number} 签发以来数据没有变化：它仍是现行单据。</translation>
    </message>
    <message>
        <source>Document {number} was issued again; it supersedes the earlier one.</source>
        <translation>单据 {number} 已重新签发，并替代先前的单据。</translation>
    </message>
    <message>
        <source>Document {number} was issued.</source>
        <translation>单据 {number} 已签发。</translation>
    </message>
    <message>
        <source>The trust network could not be reached: it is signed and waits in the outbox for registration.</source>
        <translation>无法连接信任网络：单据已签名，正在发件箱中等待登记。</translation>
    </message>
    <message>
        <source>The document pack was saved to {path}.</source>
        <translation>单据包已保存到 {path}。</translation>
    </message>
    <message>
        <source>invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>packing list</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>shipment</source>
        <translation>货运</translation>
    </message>
    <message>
        <source>Export document pack</source>
        <translation>导出单据包</translation>
    </message>
    <message>
        <source>From packing list</source>
        <translation>来自装箱单</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Building the pack...</source>
        <translation>正在生成单据包...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Issue...</source>
        <translation>签发...</translation>
    </message>
    <message>
        <source>Register a document with the trust network and sign it</source>
        <translation>在信任网络登记单据并签名</translation>
    </message>
    <message>
        <source>Issue again (supersede)...</source>
        <translation>重新签发（替代）...</translation>
    </message>
    <message>
        <source>Issue the selected document again from its record's current data; the new one supersedes it</source>
        <translation>按记录的当前数据重新签发所选单据；新单据将替代它</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>打印...</translation>
    </message>
    <message>
        <source>Export pack...</source>
        <translation>导出单据包...</translation>
    </message>
    <message>
        <source>All documents of a deal or shipment, ready to print</source>
        <translation>一笔交易或一批货物的全部单据，可直接打印</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Select an issued document to preview it.</source>
        <translation>选择一份已签发的单据以预览。</translation>
    </message>
</context>
<context>
    <name>EditorDialog</name>
    <message>
        <source>Not saved: fix the {count} problem(s) shown in red.</source>
        <translation>未保存：请修正红色标出的 {count} 个问题。</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存...</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
    <message>
        <source>Save the changes to this {subject}?</source>
        <translation>是否保存对此{subject}的修改？</translation>
    </message>
    <message>
        <source>Your changes are lost if you close without saving.</source>
        <translation>如果不保存就关闭，修改将会丢失。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <source>Exporter Desk</source>
        <translation>Exporter Desk</translation>
    </message>
    <message>
        <source>Something went wrong that Exporter Desk did not expect. Your saved data is safe. The details were written to the log file in the data folder; please send it to support if this happens again.</source>
        <translation>Exporter Desk 遇到了意外问题。已保存的数据是安全的。详细信息已写入数据文件夹中的日志文件；如果再次出现，请将其发送给技术支持。</translation>
    </message>
</context>
<context>
    <name>InvoiceEditor</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Notify party</source>
        <translation>通知方</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>货运</translation>
    </message>
    <message>
        <source>Buyer's reference (PO)</source>
        <translation>买方参考号（订单号）</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>原产国</translation>
    </message>
    <message>
        <source>Valid until (proforma)</source>
        <translation>有效期至（形式发票）</translation>
    </message>
    <message>
        <source>Marks and numbers</source>
        <translation>唛头</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Packing lists</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Made from contract #{id}</source>
        <translation>由合同 #{id} 生成</translation>
    </message>
</context>
<context>
    <name>IssueDiscrepancies</name>
    <message>
        <source>Examining the deal...</source>
        <translation>正在审核交易...</translation>
    </message>
    <message>
        <source>This document belongs to no deal.</source>
        <translation>此单据不属于任何交易。</translation>
    </message>
    <message>
        <source>The examiner finds nothing about it.</source>
        <translation>审单未发现与此单据有关的问题。</translation>
    </message>
    <message>
        <source>The examiner finds {count} point(s) about this document in its deal. Click one to open the field.</source>
        <translation>审单在其交易中发现 {count} 处与此单据有关的问题。点击即可打开该字段。</translation>
    </message>
</context>
<context>
    <name>JoinNetworkDialog</name>
    <message>
        <source>Join a trust network</source>
        <translation>加入信任网络</translation>
    </message>
    <message>
        <source>The network's operator sends you two things: the network file (.json) and an invitation code. Joining enrols your company, and new documents are registered with that network.</source>
        <translation>网络运营方会发给您两样东西：网络文件 (.json) 和邀请码。加入后贵公司即成为成员，新单据将在该网络登记。</translation>
    </message>
    <message>
        <source>Network file</source>
        <translation>网络文件</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>选择...</translation>
    </message>
    <message>
        <source>Invitation code</source>
        <translation>邀请码</translation>
    </message>
    <message>
        <source>as the operator sent it</source>
        <translation>按运营方发来的原样输入</translation>
    </message>
    <message>
        <source>Check these fingerprints with the network's operator (by phone, not by the e-mail that brought the file) before you join.</source>
        <translation>加入之前，请与网络运营方核对这些指纹（通过电话，而不是通过发来该文件的电子邮件）。</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>Network descriptors (*.json)</source>
        <translation>网络描述文件 (*.json)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Commercial</source>
        <translation>商业发票</translation>
    </message>
    <message>
        <source>Proforma</source>
        <translation>形式发票</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>采购</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>出口商</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买方</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Notify party</source>
        <translation>通知方</translation>
    </message>
    <message>
        <source>Forwarder</source>
        <translation>货代</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <source>Sea</source>
        <translation>海运</translation>
    </message>
    <message>
        <source>Air</source>
        <translation>空运</translation>
    </message>
    <message>
        <source>Rail</source>
        <translation>铁路</translation>
    </message>
    <message>
        <source>Road</source>
        <translation>公路</translation>
    </message>
    <message>
        <source>Multimodal</source>
        <translation>多式联运</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Awaiting registration</source>
        <translation>等待登记</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已被替代</translation>
    </message>
    <message>
        <source>Commercial invoice</source>
        <translation>商业发票</translation>
    </message>
    <message>
        <source>Proforma invoice</source>
        <translation>形式发票</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Sales contract</source>
        <translation>销售合同</translation>
    </message>
    <message>
        <source>Purchase contract</source>
        <translation>采购合同</translation>
    </message>
    <message>
        <source>Certificate of origin</source>
        <translation>原产地证书</translation>
    </message>
    <message>
        <source>Shipping instruction</source>
        <translation>托运单</translation>
    </message>
    <message>
        <source>Beneficiary certificate</source>
        <translation>受益人证明</translation>
    </message>
    <message>
        <source>Bill of exchange</source>
        <translation>汇票</translation>
    </message>
    <message>
        <source>Bank presentation pack</source>
        <translation>银行交单汇总</translation>
    </message>
    <message>
        <source>T/T (telegraphic transfer)</source>
        <translation>T/T（电汇）</translation>
    </message>
    <message>
        <source>L/C (letter of credit)</source>
        <translation>L/C（信用证）</translation>
    </message>
    <message>
        <source>D/P (documents against payment)</source>
        <translation>D/P（付款交单）</translation>
    </message>
    <message>
        <source>D/A (documents against acceptance)</source>
        <translation>D/A（承兑交单）</translation>
    </message>
    <message>
        <source>Freight</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Insurance</source>
        <translation>保险</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>Lines</name>
    <message>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Chinese description</source>
        <translation>中文品名</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Remove the selected line (Ctrl+Del)</source>
        <translation>删除所选行 (Ctrl+Del)</translation>
    </message>
    <message>
        <source>Add product:</source>
        <translation>添加商品：</translation>
    </message>
    <message>
        <source>type a SKU or name</source>
        <translation>输入货号或品名</translation>
    </message>
    <message>
        <source>Add charge</source>
        <translation>添加费用</translation>
    </message>
    <message>
        <source>Remove charge</source>
        <translation>删除费用</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>The first {shown} matches; type more words to narrow the search.</source>
        <translation>前 {shown} 条结果；输入更多词语以缩小搜索范围。</translation>
    </message>
    <message>
        <source>{shown} matches</source>
        <translation>{shown} 条结果</translation>
    </message>
    <message>
        <source>{total} records</source>
        <translation>共 {total} 条记录</translation>
    </message>
    <message>
        <source>Search (Ctrl+F)</source>
        <translation>搜索 (Ctrl+F)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Create a new record (Ctrl+N)</source>
        <translation>新建记录 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the selected record (Enter)</source>
        <translation>打开所选记录 (Enter)</translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原产地</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>卖方</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买方</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>贸易条款</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>运输方式</translation>
    </message>
    <message>
        <source>Port of loading</source>
        <translation>装货港</translation>
    </message>
    <message>
        <source>Port of discharge</source>
        <translation>卸货港</translation>
    </message>
    <message>
        <source>Vessel / flight</source>
        <translation>船名 / 航班</translation>
    </message>
    <message>
        <source>ETD</source>
        <translation>预计离港</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>预计到港</translation>
    </message>
    <message>
        <source>Purchase leg</source>
        <translation>采购合同</translation>
    </message>
    <message>
        <source>Sales leg</source>
        <translation>销售合同</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Deals</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>货运</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>往来单位</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Deal...</source>
        <translation>交易...</translation>
    </message>
    <message>
        <source>Contract...</source>
        <translation>合同...</translation>
    </message>
    <message>
        <source>Invoice...</source>
        <translation>发票...</translation>
    </message>
    <message>
        <source>Shipment...</source>
        <translation>货运...</translation>
    </message>
    <message>
        <source>Party...</source>
        <translation>往来单位...</translation>
    </message>
    <message>
        <source>Product...</source>
        <translation>商品...</translation>
    </message>
    <message>
        <source>About Exporter Desk</source>
        <translation>关于 Exporter Desk</translation>
    </message>
    <message>
        <source>Exporter Desk {version}
Trade documents for small exporters: registered, signed and verifiable offline.</source>
        <translation>Exporter Desk {version}
面向中小出口企业的贸易单据：已登记、已签名、可离线验证。</translation>
    </message>
    <message>
        <source>{count} document(s) registered.</source>
        <translation>已登记 {count} 份单据。</translation>
    </message>
    <message>
        <source>Nothing could be registered yet: {count} document(s) keep waiting in the outbox and are retried automatically.</source>
        <translation>暂时无法登记任何单据：{count} 份单据继续在发件箱中等待，并将自动重试。</translation>
    </message>
    <message>
        <source>⏳ Registering...</source>
        <translation>⏳ 正在登记...</translation>
    </message>
    <message>
        <source>✔ All documents registered</source>
        <translation>✔ 所有单据均已登记</translation>
    </message>
    <message>
        <source>⏳ {count} awaiting registration</source>
        <translation>⏳ {count} 份等待登记</translation>
    </message>
    <message>
        <source>Documents signed while the trust network could not be reached wait in the outbox and are registered automatically.</source>
        <translation>在无法连接信任网络时签名的单据会在发件箱中等待，并自动登记。</translation>
    </message>
    <message>
        <source>Exporter Desk</source>
        <translation>Exporter Desk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Verify PDF files...</source>
        <translation>验证 PDF 文件(&amp;V)...</translation>
    </message>
    <message>
        <source>Save verification results...</source>
        <translation>保存验证结果...</translation>
    </message>
    <message>
        <source>&amp;Print document...</source>
        <translation>打印单据(&amp;P)...</translation>
    </message>
    <message>
        <source>Export document pack...</source>
        <translation>导出单据包...</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <source>Open selected record</source>
        <translation>打开所选记录</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>New invoice from contract</source>
        <translation>由合同新建发票</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Setup assistant...</source>
        <translation>设置向导...</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Retry registration now</source>
        <translation>立即重试登记</translation>
    </message>
    <message>
        <source>Try now to register the documents waiting in the outbox (it is retried every minute anyway)</source>
        <translation>立即尝试登记发件箱中等待的单据（系统每分钟也会自动重试）</translation>
    </message>
</context>
<context>
    <name>NetworkJoiner</name>
    <message>
        <source>Joining {origin}...</source>
        <translation>正在加入 {origin}...</translation>
    </message>
    <message>
        <source>Your company is now a member of {origin}. New documents are registered with it.</source>
        <translation>贵公司现已成为 {origin} 的成员。新单据将在该网络登记。</translation>
    </message>
    <message>
        <source>Network joined</source>
        <translation>已加入网络</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <source>Issued and signed</source>
        <translation>已签发并签名</translation>
    </message>
    <message>
        <source>Cannot be made: lacks {what}</source>
        <translation>无法生成：缺少{what}</translation>
    </message>
    <message>
        <source>Not issued yet</source>
        <translation>尚未签发</translation>
    </message>
    <message>
        <source>Documents in the pack</source>
        <translation>汇总中的单据</translation>
    </message>
    <message>
        <source>Ticked in advance: what letter of credit {number} requires.</source>
        <translation>已预先勾选：信用证 {number} 要求的单据。</translation>
    </message>
    <message>
        <source>No letter of credit: every document that can be made.</source>
        <translation>没有信用证：已勾选所有可生成的单据。</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Issue the ticked documents that are not issued yet</source>
        <translation>先签发已勾选但尚未签发的单据</translation>
    </message>
    <message>
        <source>Otherwise a document not issued goes in as an unsigned draft of today's data.</source>
        <translation>否则，未签发的单据将以按当前数据生成的未签名草稿放入汇总。</translation>
    </message>
    <message>
        <source>Bank pack: add the deal summary, examination and verification to the cover, and issue the pack itself (registered and signed)</source>
        <translation>银行交单汇总：在封面加入交易概要、审单结果和验证结果，并签发汇总本身（登记并签名）</translation>
    </message>
    <message>
        <source>Tick at least one document.</source>
        <translation>请至少勾选一份单据。</translation>
    </message>
    <message>
        <source>Issuing the ticked documents...</source>
        <translation>正在签发已勾选的单据……</translation>
    </message>
    <message>
        <source>The trust network could not be reached: bank pack {number} waits in the outbox; once it is registered it is in the Documents list.</source>
        <translation>无法连接信任网络：银行交单汇总 {number} 正在发件箱中等待；登记后即会出现在单据列表中。</translation>
    </message>
    <message>
        <source>Building the pack...</source>
        <translation>正在生成单据包...</translation>
    </message>
    <message>
        <source>Listing the documents...</source>
        <translation>正在列出单据……</translation>
    </message>
    <message>
        <source>Export document pack</source>
        <translation>导出单据包</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PackingLists</name>
    <message>
        <source>Create packing list</source>
        <translation>创建装箱单</translation>
    </message>
    <message>
        <source>type a reference</source>
        <translation>输入参考号</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Each invoice line is packed in its product's packages, numbered from 1.</source>
        <translation>每个发票行按其商品的包装装箱，件号从 1 开始。</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>货运</translation>
    </message>
    <message>
        <source>A packing list is made from the saved invoice: each line is packed in its product's packages, with their weights and measurements.</source>
        <translation>装箱单根据已保存的发票生成：每行按其商品的包装装箱，并带有重量和尺寸。</translation>
    </message>
    <message>
        <source>Save the invoice to make a packing list from it.</source>
        <translation>请先保存发票，再据此生成装箱单。</translation>
    </message>
    <message>
        <source>Create packing list...</source>
        <translation>创建装箱单...</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Net kg</source>
        <translation>净重 (kg)</translation>
    </message>
    <message>
        <source>Gross kg</source>
        <translation>毛重 (kg)</translation>
    </message>
    <message>
        <source>Volume m³</source>
        <translation>体积 (m³)</translation>
    </message>
</context>
<context>
    <name>PartyEditor</name>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English address</source>
        <translation>英文地址</translation>
    </message>
    <message>
        <source>Chinese address</source>
        <translation>中文地址</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Tax / registration id</source>
        <translation>税号 / 登记号</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <source>Bank address</source>
        <translation>银行地址</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名称</translation>
    </message>
    <message>
        <source>Account number / IBAN</source>
        <translation>账号 / IBAN</translation>
    </message>
    <message>
        <source>SWIFT / BIC</source>
        <translation>SWIFT / BIC</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>往来单位</translation>
    </message>
    <message>
        <source>Bank account (for payment)</source>
        <translation>银行账户（收款用）</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Passphrase of the key file</source>
        <translation>密钥文件的口令</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so the company's signing key will be kept in the file {path}, encrypted with the passphrase you choose here (at least {minimum} characters; nobody can recover it if it is lost).</source>
        <translation>这台电脑没有系统钥匙串，因此公司的签名密钥将保存在文件 {path} 中，并用您在此设定的口令加密（至少 {minimum} 个字符；口令一旦丢失，任何人都无法恢复）。</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>The company's signing key is kept in the encrypted file {path}: enter its passphrase to unlock it until you quit Exporter Desk.</source>
        <translation>公司的签名密钥保存在加密文件 {path} 中：请输入其口令，在退出 Exporter Desk 之前保持解锁。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>the same passphrase again</source>
        <translation>再次输入相同的口令</translation>
    </message>
    <message>
        <source>Checking the passphrase...</source>
        <translation>正在核对口令...</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least {minimum} characters.</source>
        <translation>请设定至少 {minimum} 个字符的口令。</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>两次输入的口令不一致：请输入相同的口令两次。</translation>
    </message>
    <message>
        <source>The key file could not be opened.</source>
        <translation>无法打开密钥文件。</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>English description</source>
        <translation>英文品名</translation>
    </message>
    <message>
        <source>Chinese description</source>
        <translation>中文品名</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Net weight per unit (kg)</source>
        <translation>单位净重 (kg)</translation>
    </message>
    <message>
        <source>Gross weight per unit (kg)</source>
        <translation>单位毛重 (kg)</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>原产国</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>包装</translation>
    </message>
    <message>
        <source>Units per package</source>
        <translation>每件包装数量</translation>
    </message>
    <message>
        <source>Package size L x W x H (cm)</source>
        <translation>包装尺寸 长 x 宽 x 高 (cm)</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽</translation>
    </message>
    <message>
        <source>height</source>
        <translation>高</translation>
    </message>
    <message>
        <source>{volume} m³ per package</source>
        <translation>每件 {volume} m³</translation>
    </message>
</context>
<context>
    <name>ReceivedDialog</name>
    <message>
        <source>Supplier's invoice</source>
        <translation>供应商发票</translation>
    </message>
    <message>
        <source>Bill of lading</source>
        <translation>提单</translation>
    </message>
    <message>
        <source>Air waybill</source>
        <translation>航空运单</translation>
    </message>
    <message>
        <source>CMR consignment note</source>
        <translation>CMR 公路运单</translation>
    </message>
    <message>
        <source>Rail consignment note</source>
        <translation>铁路运单</translation>
    </message>
    <message>
        <source>Insurance certificate</source>
        <translation>保险凭证</translation>
    </message>
    <message>
        <source>Inspection certificate</source>
        <translation>检验证书</translation>
    </message>
    <message>
        <source>Other document</source>
        <translation>其他单据</translation>
    </message>
    <message>
        <source>no registration receipt (not verified)</source>
        <translation>无登记回执（未验证）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>签发方</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Net weight (kg)</source>
        <translation>净重 (kg)</translation>
    </message>
    <message>
        <source>Gross weight (kg)</source>
        <translation>毛重 (kg)</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Port of loading</source>
        <translation>装货港</translation>
    </message>
    <message>
        <source>Port of discharge</source>
        <translation>卸货港</translation>
    </message>
    <message>
        <source>Vessel</source>
        <translation>船名</translation>
    </message>
    <message>
        <source>Voyage</source>
        <translation>航次</translation>
    </message>
    <message>
        <source>On board</source>
        <translation>装船日期</translation>
    </message>
    <message>
        <source>Received document</source>
        <translation>收到的单据</translation>
    </message>
    <message>
        <source>Attach a received document</source>
        <translation>附加收到的单据</translation>
    </message>
    <message>
        <source>Choose the file, or drop it on this window.</source>
        <translation>选择文件，或将其拖放到此窗口。</translation>
    </message>
    <message>
        <source>Choose file...</source>
        <translation>选择文件...</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>附加</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)</source>
        <translation>单据 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Verification: {verdict}</source>
        <translation>验证结果：{verdict}</translation>
    </message>
    <message>
        <source>Packages is a whole number.</source>
        <translation>件数须为整数。</translation>
    </message>
    <message>
        <source>Correct the marked fields first.</source>
        <translation>请先更正标出的字段。</translation>
    </message>
    <message>
        <source>Choose the file to attach first.</source>
        <translation>请先选择要附加的文件。</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存...</translation>
    </message>
    <message>
        <source>Attaching and verifying...</source>
        <translation>正在附加并验证...</translation>
    </message>
    <message>
        <source>{name} is attached to the deal.</source>
        <translation>{name} 已附加到该交易。</translation>
    </message>
</context>
<context>
    <name>SalesLegDialog</name>
    <message>
        <source>Sales leg from purchase leg</source>
        <translation>由采购合同生成销售合同</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买方</translation>
    </message>
    <message>
        <source>Sales contract number</source>
        <translation>销售合同编号</translation>
    </message>
    <message>
        <source>Markup (%)</source>
        <translation>加价 (%)</translation>
    </message>
    <message>
        <source>Choose the buyer from the list.</source>
        <translation>请从列表中选择买方。</translation>
    </message>
    <message>
        <source>The contract number is required.</source>
        <translation>必须填写合同编号。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Built-in local network (this computer)</source>
        <translation>内置本地网络（本机）</translation>
    </message>
    <message>
        <source>{origin} (no longer trusted)</source>
        <translation>{origin}（已不再信任）</translation>
    </message>
    <message>
        <source>Trusted networks: {names}</source>
        <translation>受信任的网络：{names}</translation>
    </message>
    <message>
        <source>No trust network is pinned yet: documents can be verified for integrity, but no issuer is trusted until you import a network descriptor.</source>
        <translation>尚未设置信任网络：可以验证单据的完整性，但在导入网络描述文件之前，不信任任何签发方。</translation>
    </message>
    <message>
        <source>Import a network descriptor</source>
        <translation>导入网络描述文件</translation>
    </message>
    <message>
        <source>Network descriptors (*.json)</source>
        <translation>网络描述文件 (*.json)</translation>
    </message>
    <message>
        <source>Trust this network?</source>
        <translation>信任此网络？</translation>
    </message>
    <message>
        <source>Documents registered with this network will be accepted as registered. Check the fingerprints with the network's operator before you trust it:

{details}</source>
        <translation>在此网络登记的单据将被视为已登记。信任之前，请与网络运营方核对指纹：

{details}</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Company profile</source>
        <translation>公司资料</translation>
    </message>
    <message>
        <source>Our company</source>
        <translation>本公司</translation>
    </message>
    <message>
        <source>type part of the name</source>
        <translation>输入部分名称</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>编辑...</translation>
    </message>
    <message>
        <source>New...</source>
        <translation>新建...</translation>
    </message>
    <message>
        <source>Logo (document header)</source>
        <translation>标志（单据页眉）</translation>
    </message>
    <message>
        <source>Seal image (visible signature)</source>
        <translation>印章图片（可见签名）</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>纸张大小</translation>
    </message>
    <message>
        <source>Default copies</source>
        <translation>默认份数</translation>
    </message>
    <message>
        <source>Check online whether a verified document was superseded (when reachable)</source>
        <translation>联网检查已验证的单据是否已被替代（可连接时）</translation>
    </message>
    <message>
        <source>Signing and trust networks</source>
        <translation>签名与信任网络</translation>
    </message>
    <message>
        <source>Import network descriptor...</source>
        <translation>导入网络描述文件...</translation>
    </message>
    <message>
        <source>Trust documents registered with another network (verifying only; no enrolment)</source>
        <translation>信任在其他网络登记的单据（仅用于核验，不加入）</translation>
    </message>
    <message>
        <source>Join a network...</source>
        <translation>加入网络...</translation>
    </message>
    <message>
        <source>Enrol your company with a network by the invitation code its operator sent you</source>
        <translation>使用网络运营方发给您的邀请码，让贵公司加入该网络</translation>
    </message>
    <message>
        <source>Register documents with</source>
        <translation>单据登记网络</translation>
    </message>
    <message>
        <source>Run the setup assistant...</source>
        <translation>运行设置向导...</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Your company</source>
        <translation>贵公司</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Unified social credit code / tax id</source>
        <translation>统一社会信用代码 / 税号</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Documents are signed with your company's key, kept in the system keyring (or, where there is none, in a file encrypted with a passphrase you choose).</source>
        <translation>单据使用贵公司的密钥签名，密钥保存在系统钥匙串中（如果没有钥匙串，则保存在用您设定的口令加密的文件中）。</translation>
    </message>
    <message>
        <source>Create a new key for the company</source>
        <translation>为公司创建新密钥</translation>
    </message>
    <message>
        <source>Import a certificate and key (.p12 / .pfx)</source>
        <translation>导入证书和密钥 (.p12 / .pfx)</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>选择...</translation>
    </message>
    <message>
        <source>password of the file</source>
        <translation>文件密码</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>证书文件</translation>
    </message>
    <message>
        <source>PKCS#12 files (*.p12 *.pfx)</source>
        <translation>PKCS#12 文件 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}</source>
        <translation>无法读取该文件：{reason}</translation>
    </message>
    <message>
        <source>Logo...</source>
        <translation>标志...</translation>
    </message>
    <message>
        <source>Company seal...</source>
        <translation>公司印章...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Company logo</source>
        <translation>公司标志</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Company seal</source>
        <translation>公司印章</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Its names, addresses and registration id go on every document, the bank account on invoices. Leave it empty to do this later.</source>
        <translation>公司名称、地址和注册号印在每份单据上，银行账户印在发票上。可以留空，稍后再填。</translation>
    </message>
    <message>
        <source>English address</source>
        <translation>英文地址</translation>
    </message>
    <message>
        <source>Chinese address</source>
        <translation>中文地址</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <source>Bank address</source>
        <translation>银行地址</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名称</translation>
    </message>
    <message>
        <source>Account number / IBAN</source>
        <translation>账号 / IBAN</translation>
    </message>
    <message>
        <source>SWIFT / BIC</source>
        <translation>SWIFT / BIC</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Seal image</source>
        <translation>印章图片</translation>
    </message>
    <message>
        <source>Bank account and images (optional)</source>
        <translation>银行账户和图片（可选）</translation>
    </message>
    <message>
        <source>Trust network</source>
        <translation>信任网络</translation>
    </message>
    <message>
        <source>Issued documents are registered with a trust network so that anyone can check them offline.</source>
        <translation>签发的单据会在信任网络登记，任何人都可以离线核验。</translation>
    </message>
    <message>
        <source>Built-in local network (start at once, switch later)</source>
        <translation>内置本地网络（立即开始，以后可切换）</translation>
    </message>
    <message>
        <source>Join a network with the invitation code its operator sent</source>
        <translation>使用运营方发来的邀请码加入网络</translation>
    </message>
    <message>
        <source>Join a network...</source>
        <translation>加入网络...</translation>
    </message>
    <message>
        <source>Only trust a network's documents (import its descriptor)</source>
        <translation>仅信任某网络的单据（导入其描述文件）</translation>
    </message>
    <message>
        <source>Network descriptor</source>
        <translation>网络描述文件</translation>
    </message>
    <message>
        <source>Network descriptors (*.json)</source>
        <translation>网络描述文件 (*.json)</translation>
    </message>
    <message>
        <source>Enrolled with {origin}.</source>
        <translation>已加入 {origin}。</translation>
    </message>
    <message>
        <source>Set up Exporter Desk</source>
        <translation>设置 Exporter Desk</translation>
    </message>
    <message>
        <source>Skip setup</source>
        <translation>跳过设置</translation>
    </message>
</context>
<context>
    <name>ShipmentEditor</name>
    <message>
        <source>Container number</source>
        <translation>集装箱号</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>封条号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>箱型</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输方式</translation>
    </message>
    <message>
        <source>Port of loading</source>
        <translation>装货港</translation>
    </message>
    <message>
        <source>Port of discharge</source>
        <translation>卸货港</translation>
    </message>
    <message>
        <source>Place of delivery</source>
        <translation>交货地点</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运人</translation>
    </message>
    <message>
        <source>Vessel, voyage</source>
        <translation>船名、航次</translation>
    </message>
    <message>
        <source>Flight</source>
        <translation>航班</translation>
    </message>
    <message>
        <source>B/L or AWB number</source>
        <translation>提单号或空运单号</translation>
    </message>
    <message>
        <source>ETD</source>
        <translation>预计离港</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>预计到港</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>货运</translation>
    </message>
    <message>
        <source>vessel</source>
        <translation>船名</translation>
    </message>
    <message>
        <source>voyage</source>
        <translation>航次</translation>
    </message>
    <message>
        <source>Add container</source>
        <translation>添加集装箱</translation>
    </message>
    <message>
        <source>Remove container</source>
        <translation>删除集装箱</translation>
    </message>
</context>
<context>
    <name>TradeEditor</name>
    <message>
        <source>Currency, Incoterm, place</source>
        <translation>币种、贸易术语、地点</translation>
    </message>
    <message>
        <source>Port of loading → discharge</source>
        <translation>装货港 → 卸货港</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Advance (%)</source>
        <translation>预付款 (%)</translation>
    </message>
    <message>
        <source>L/C number</source>
        <translation>信用证号</translation>
    </message>
    <message>
        <source>Issuing bank</source>
        <translation>开证行</translation>
    </message>
    <message>
        <source>L/C expiry</source>
        <translation>信用证有效期</translation>
    </message>
    <message>
        <source>Payment notes</source>
        <translation>付款备注</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>卖方</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买方</translation>
    </message>
    <message>
        <source>Parties and terms</source>
        <translation>当事方与条款</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>货物</translation>
    </message>
    <message>
        <source>Clauses and notes</source>
        <translation>条款与备注</translation>
    </message>
    <message>
        <source>type part of the name</source>
        <translation>输入部分名称</translation>
    </message>
    <message>
        <source>Choose the seller from the list.</source>
        <translation>请从列表中选择卖方。</translation>
    </message>
    <message>
        <source>Choose the buyer from the list.</source>
        <translation>请从列表中选择买方。</translation>
    </message>
    <message>
        <source>Choose a unit from the list.</source>
        <translation>请从列表中选择单位。</translation>
    </message>
    <message>
        <source>Line {row}: {message}</source>
        <translation>第 {row} 行：{message}</translation>
    </message>
    <message>
        <source>Totals appear once the currency is valid.</source>
        <translation>币种有效后显示合计。</translation>
    </message>
    <message>
        <source>Totals appear once the lines are valid.</source>
        <translation>明细行有效后显示合计。</translation>
    </message>
    <message>
        <source>Goods: {amount}</source>
        <translation>货值：{amount}</translation>
    </message>
    <message>
        <source>Charges: {amount}</source>
        <translation>费用：{amount}</translation>
    </message>
    <message>
        <source>Total: {amount}</source>
        <translation>合计：{amount}</translation>
    </message>
    <message>
        <source>weights: pick each line's product to see them</source>
        <translation>重量：为每行选择商品后显示</translation>
    </message>
    <message>
        <source>{packages} packages, net {net} kg, gross {gross} kg, {volume} m³ (quantity {quantity})</source>
        <translation>{packages} 件，净重 {net} kg，毛重 {gross} kg，{volume} m³（数量 {quantity}）</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Drop PDF files here to check who issued them, that they are unchanged and that they were registered.
Or press Ctrl+O to choose files.</source>
        <translation>将 PDF 文件拖放到此处，检查其签发方、是否未被改动以及是否已登记。
或按 Ctrl+O 选择文件。</translation>
    </message>
    <message>
        <source>CHECKING...</source>
        <translation>正在检查...</translation>
    </message>
    <message>
        <source>Issuer revoked</source>
        <translation>签发方已被撤销</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已被替代</translation>
    </message>
    <message>
        <source>Online check</source>
        <translation>联网检查</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Show the checks</source>
        <translation>显示检查项</translation>
    </message>
    <message>
        <source>NOT CHECKED</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>The file could not be checked.</source>
        <translation>无法检查该文件。</translation>
    </message>
    <message>
        <source>vouched for by {who}</source>
        <translation>由 {who} 担保</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>签发方</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>{when} in {origin}, entry {index}</source>
        <translation>{when}，{origin}，条目 {index}</translation>
    </message>
    <message>
        <source>Witnesses</source>
        <translation>见证方</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Entry time</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Verify PDF files</source>
        <translation>验证 PDF 文件</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>PDF 文件 (*.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking {name}...</source>
        <translation>正在检查 {name}...</translation>
    </message>
    <message>
        <source>{count} file(s) checked.</source>
        <translation>已检查 {count} 个文件。</translation>
    </message>
    <message>
        <source>Save verification results</source>
        <translation>保存验证结果</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>The results could not be saved to {path}: {reason}.</source>
        <translation>无法将结果保存到 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Verify documents</source>
        <translation>验证单据</translation>
    </message>
    <message>
        <source>Choose files...</source>
        <translation>选择文件...</translation>
    </message>
    <message>
        <source>Save results as JSON...</source>
        <translation>将结果保存为 JSON...</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>