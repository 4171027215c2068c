<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupBox</name>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Back up...</source>
        <translation>备份...</translation>
    </message>
    <message>
        <source>Restore...</source>
        <translation>恢复...</translation>
    </message>
    <message>
        <source>Include the signing key (protected by a passphrase)</source>
        <translation>包含签名密钥（用口令保护）</translation>
    </message>
    <message>
        <source>One file with the database, issued PDFs and networks, to move to a new computer</source>
        <translation>一个包含数据库、已签发 PDF 和网络的文件，用于迁移到新电脑</translation>
    </message>
    <message>
        <source>Passphrase (at least {n} characters):</source>
        <translation>口令（至少 {n} 个字符）：</translation>
    </message>
    <message>
        <source>The same passphrase again:</source>
        <translation>再次输入相同的口令：</translation>
    </message>
    <message>
        <source>The two passphrases differ; nothing was written.</source>
        <translation>两次输入的口令不一致；未写入任何内容。</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>Exporter Desk backup (*.zip)</source>
        <translation>Exporter Desk 备份 (*.zip)</translation>
    </message>
    <message>
        <source>Protect the signing key</source>
        <translation>保护签名密钥</translation>
    </message>
    <message>
        <source>Writing the backup...</source>
        <translation>正在写入备份...</translation>
    </message>
    <message>
        <source>with the signing key</source>
        <translation>含签名密钥</translation>
    </message>
    <message>
        <source>without keys</source>
        <translation>不含密钥</translation>
    </message>
    <message>
        <source>Backup written to {path} ({size} MB, {keys}).</source>
        <translation>备份已写入 {path}（{size} MB，{keys}）。</translation>
    </message>
    <message>
        <source>Restore from</source>
        <translation>从以下文件恢复</translation>
    </message>
    <message>
        <source>Checking the backup...</source>
        <translation>正在检查备份...</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Replace all data in {folder} with the backup of {created}? Your current data is kept aside in a folder next to it. Exporter Desk closes afterwards; start it again to open the restored data.</source>
        <translation>用 {created} 的备份替换 {folder} 中的全部数据吗？当前数据会保留在旁边的文件夹中。完成后 Exporter Desk 将关闭，再次启动即可打开恢复的数据。</translation>
    </message>
    <message>
        <source>Restore the signing key</source>
        <translation>恢复签名密钥</translation>
    </message>
    <message>
        <source>Restoring...</source>
        <translation>正在恢复...</translation>
    </message>
    <message>
        <source>The backup was restored into {folder}.</source>
        <translation>备份已恢复到 {folder}。</translation>
    </message>
    <message>
        <source>Your previous data is kept in {folder}.</source>
        <translation>原有数据保留在 {folder}。</translation>
    </message>
    <message>
        <source>The signing key was not restored: documents verify, but issuing needs the key.</source>
        <translation>签名密钥未恢复：单据仍可验证，但签发需要该密钥。</translation>
    </message>
    <message>
        <source>Exporter Desk closes now.</source>
        <translation>Exporter Desk 现在将关闭。</translation>
    </message>
    <message>
        <source>That did not work.</source>
        <translation>操作未成功。</translation>
    </message>
</context>
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
        <source>Registering and signing...</source>
        <translation>正在登记并签名...</translation>
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
        <source>Export document pack</source>
        <translation>导出单据包</translation>
    </message>
    <message>
        <source>From packing list</source>
        <translation>来自装箱单</translation>
    </message>
    <message>
        <source>Preparing the document...</source>
        <translation>正在准备单据...</translation>
    </message>
    <message>
        <source>Signing the registration entry...</source>
        <translation>正在签署登记条目...</translation>
    </message>
    <message>
        <source>Registering with the trust network...</source>
        <translation>正在向信任网络登记...</translation>
    </message>
    <message>
        <source>Signing the PDF...</source>
        <translation>正在签署 PDF...</translation>
    </message>
    <message>
        <source>The network cannot be reached: it waits in the outbox.</source>
        <translation>无法连接网络：单据在待发队列中等待。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存...</translation>
    </message>
    <message>
        <source>Enrolling with the network...</source>
        <translation>正在加入网络...</translation>
    </message>
    <message>
        <source>Preparing the draft...</source>
        <translation>正在生成草稿...</translation>
    </message>
    <message>
        <source>Nothing changed since {number} was issued on {when}: nothing was issued or registered, and it stays the current document.</source>
        <translation>自 {number} 于 {when} 出具以来没有任何变化：未出具也未登记任何内容，它仍是当前单据。</translation>
    </message>
    <message>
        <source>Document {number} was issued again; it supersedes the earlier one, which the register now marks superseded.</source>
        <translation>单据 {number} 已重新出具；它取代了之前的单据，登记簿现将之前的单据标记为已取代。</translation>
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
        <source>Nothing was issued: {number} stays the current document.</source>
        <translation>未出具任何内容：{number} 仍是当前单据。</translation>
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
        <source>Issue again...</source>
        <translation>重新出具...</translation>
    </message>
    <message>
        <source>Issue the selected document again from its record's current data: nothing is issued if nothing changed; else you are asked whether the new one supersedes it</source>
        <translation>根据记录的当前数据重新出具所选单据：如无变化则不出具；否则会询问新单据是否取代它</translation>
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
    <name>DraftPreview</name>
    <message>
        <source>Draft preview: {title}</source>
        <translation>草稿预览：{title}</translation>
    </message>
    <message>
        <source>DRAFT: not registered and not signed. This is what issuing would produce from the data as saved now.</source>
        <translation>草稿：未登记，未签署。这是按当前已保存数据出具时将生成的单据。</translation>
    </message>
</context>
<context>
    <name>EditorDialog</name>
    <message>
        <source>Type a date as year-month-day, such as 2026-05-20, or pick one from the calendar (F4).</source>
        <translation>请按 年-月-日 输入日期，例如 2026-05-20，或从日历中选择（F4）。</translation>
    </message>
    <message>
        <source>Ready to save.</source>
        <translation>可以保存了。</translation>
    </message>
    <message>
        <source>Save first: documents are made from the saved data.</source>
        <translation>请先保存：单据根据已保存的数据生成。</translation>
    </message>
    <message>
        <source>Not saved: fix the problem shown in red.</source>
        <translation>未保存：请修正红色标出的问题。</translation>
    </message>
    <message>
        <source>Not saved: fix the {count} problems shown in red.</source>
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
    <message>
        <source>Preview draft</source>
        <translation>预览草稿</translation>
    </message>
    <message>
        <source>See the document as it would be issued, marked DRAFT</source>
        <translation>查看将要出具的单据，标有“草稿”水印</translation>
    </message>
    <message>
        <source>Issue...</source>
        <translation>签发...</translation>
    </message>
    <message>
        <source>Register a document made from this record and sign it</source>
        <translation>登记并签署根据此记录生成的单据</translation>
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
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Writing {name}...</source>
        <translation>正在写入 {name}...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import and export</source>
        <translation>导入与导出</translation>
    </message>
    <message>
        <source>Import from or export to Excel and CSV files</source>
        <translation>从 Excel、CSV 文件导入，或导出为这些文件</translation>
    </message>
    <message>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
    <message>
        <source>Save this list, as filtered and sorted, to Excel or CSV</source>
        <translation>将此列表按当前筛选和排序保存为 Excel 或 CSV</translation>
    </message>
    <message>
        <source>Import lines...</source>
        <translation>导入明细行...</translation>
    </message>
    <message>
        <source>Add or update the selected record's lines from a file</source>
        <translation>从文件添加或更新所选记录的明细行</translation>
    </message>
    <message>
        <source>Import...</source>
        <translation>导入...</translation>
    </message>
    <message>
        <source>Add or update records from an Excel or CSV file</source>
        <translation>从 Excel 或 CSV 文件添加或更新记录</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Select the invoice or contract the lines go into first.</source>
        <translation>请先选择明细行要导入的发票或合同。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Choose a spreadsheet</source>
        <translation>选择电子表格</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading {name}...</source>
        <translation>正在读取 {name}...</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>{kind}: {columns} columns. Check the mapping, then press Check.</source>
        <translation>{kind}：{columns} 列。请核对列对应关系，然后点击“检查”。</translation>
    </message>
    <message>
        <source>Checking every row...</source>
        <translation>正在检查每一行...</translation>
    </message>
    <message>
        <source>{rows} rows: {add} to add, {update} to update, {same} unchanged.</source>
        <translation>{rows} 行：新增 {add}，更新 {update}，未变 {same}。</translation>
    </message>
    <message>
        <source>{count} problems to fix first; nothing will be written.</source>
        <translation>需先修正 {count} 个问题；不会写入任何内容。</translation>
    </message>
    <message>
        <source>Every row is valid: press Import.</source>
        <translation>每一行都有效：请点击“导入”。</translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation>正在导入...</translation>
    </message>
    <message>
        <source>Imported: {added} added, {updated} updated, {skipped} skipped.</source>
        <translation>已导入：新增 {added}，更新 {updated}，跳过 {skipped}。</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>正在取消...</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消；未写入任何内容。</translation>
    </message>
    <message>
        <source>The import failed; nothing was written.</source>
        <translation>导入失败；未写入任何内容。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Import products</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <source>Import parties</source>
        <translation>导入往来单位</translation>
    </message>
    <message>
        <source>Import lines into the invoice</source>
        <translation>将明细行导入发票</translation>
    </message>
    <message>
        <source>Import lines into the contract</source>
        <translation>将明细行导入合同</translation>
    </message>
    <message>
        <source>An .xlsx or .csv file</source>
        <translation>.xlsx 或 .csv 文件</translation>
    </message>
    <message>
        <source>Choose file...</source>
        <translation>选择文件...</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import products from Excel...</source>
        <translation>从 Excel 导入商品...</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>Description (English)</source>
        <translation>描述（英文）</translation>
    </message>
    <message>
        <source>Description (Chinese)</source>
        <translation>描述（中文）</translation>
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
        <source>Currency</source>
        <translation>币种</translation>
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
        <source>Country of origin</source>
        <translation>原产国</translation>
    </message>
    <message>
        <source>Package type</source>
        <translation>包装类型</translation>
    </message>
    <message>
        <source>Units per package</source>
        <translation>每件包装数量</translation>
    </message>
    <message>
        <source>Package length (cm)</source>
        <translation>包装长度（厘米）</translation>
    </message>
    <message>
        <source>Package width (cm)</source>
        <translation>包装宽度（厘米）</translation>
    </message>
    <message>
        <source>Package height (cm)</source>
        <translation>包装高度（厘米）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Address (English)</source>
        <translation>地址（英文）</translation>
    </message>
    <message>
        <source>Address (Chinese)</source>
        <translation>地址（中文）</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Registration id</source>
        <translation>注册号</translation>
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
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>SWIFT / BIC</source>
        <translation>SWIFT / BIC</translation>
    </message>
    <message>
        <source>Bank address</source>
        <translation>银行地址</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名称</translation>
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
        <source>Made from contract {number}</source>
        <translation>由合同 {number} 生成</translation>
    </message>
</context>
<context>
    <name>IssueChecklist</name>
    <message>
        <source>Choose your company in Settings.</source>
        <translation>请在设置中选择本公司。</translation>
    </message>
    <message>
        <source>Add at least one line item.</source>
        <translation>请至少添加一行货物。</translation>
    </message>
    <message>
        <source>Set the invoice's kind to match.</source>
        <translation>请将发票类型设为相符的类型。</translation>
    </message>
    <message>
        <source>Enter the country of origin.</source>
        <translation>请填写原产国。</translation>
    </message>
    <message>
        <source>Enter the date the proforma is valid until.</source>
        <translation>请填写形式发票的有效期。</translation>
    </message>
    <message>
        <source>Enter the seller's bank account (for the payment instructions).</source>
        <translation>请填写卖方的银行账户（用于付款指示）。</translation>
    </message>
    <message>
        <source>Choose the shipment.</source>
        <translation>请选择货运。</translation>
    </message>
    <message>
        <source>Choose the forwarder on the shipment.</source>
        <translation>请在货运中选择货运代理。</translation>
    </message>
    <message>
        <source>Make a packing list for this invoice (packages, weights, measurement).</source>
        <translation>请为此发票制作装箱单（包装、重量、尺寸）。</translation>
    </message>
    <message>
        <source>Change the payment method: {reason}</source>
        <translation>请更改付款方式：{reason}</translation>
    </message>
    <message>
        <source>Enter the L/C number.</source>
        <translation>请填写信用证号码。</translation>
    </message>
    <message>
        <source>Enter the issuing bank of the L/C.</source>
        <translation>请填写信用证开证行。</translation>
    </message>
    <message>
        <source>Add at least one package.</source>
        <translation>请至少添加一个包装。</translation>
    </message>
    <message>
        <source>Choose the invoice this packing list belongs to.</source>
        <translation>请选择此装箱单所属的发票。</translation>
    </message>
    <message>
        <source>Issue {kind} {number}</source>
        <translation>出具{kind} {number}</translation>
    </message>
    <message>
        <source>Issuing registers this document with the trust network and signs it. This cannot be undone: a registered document can only be superseded by a new one.</source>
        <translation>出具会将此单据登记到信任网络并签署。此操作无法撤销：已登记的单据只能被新单据取代。</translation>
    </message>
    <message>
        <source>Go to the field</source>
        <translation>转到该字段</translation>
    </message>
    <message>
        <source>Preview draft</source>
        <translation>预览草稿</translation>
    </message>
    <message>
        <source>Still needed before it can be issued (click to go there):</source>
        <translation>出具前仍需补充（点击转到该处）：</translation>
    </message>
    <message>
        <source>✔ Everything this document needs is there.</source>
        <translation>✔ 此单据所需的内容已齐全。</translation>
    </message>
    <message>
        <source>Nothing changed since {number} was issued on {when}: issuing again registers nothing.</source>
        <translation>自 {number} 于 {when} 出具以来没有任何变化：再次出具不会登记任何内容。</translation>
    </message>
    <message>
        <source>{number} was issued on {when} and its data has changed since: you will be asked whether the new document supersedes it.</source>
        <translation>{number} 已于 {when} 出具，此后数据有变化：系统会询问新单据是否取代它。</translation>
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
        <source>Carton</source>
        <translation>纸箱</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>木箱</translation>
    </message>
    <message>
        <source>Crate</source>
        <translation>板条箱</translation>
    </message>
    <message>
        <source>Pallet</source>
        <translation>托盘</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>袋</translation>
    </message>
    <message>
        <source>Drum</source>
        <translation>桶</translation>
    </message>
    <message>
        <source>Roll</source>
        <translation>卷</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>捆</translation>
    </message>
    <message>
        <source>Bale</source>
        <translation>包</translation>
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
        <source>No matches; try fewer or other words.</source>
        <translation>没有匹配项；请减少或更换关键词。</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 个匹配项</translation>
    </message>
    <message>
        <source>{shown} matches</source>
        <translation>{shown} 条结果</translation>
    </message>
    <message>
        <source>1 record</source>
        <translation>1 条记录</translation>
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
    <message>
        <source>More actions</source>
        <translation>更多操作</translation>
    </message>
    <message>
        <source>Nothing here yet.</source>
        <translation>这里还没有内容。</translation>
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
        <source>No parties yet. Parties are the companies you deal with: buyers, suppliers, consignees, banks and your own company.</source>
        <translation>还没有当事方。当事方是与您往来的公司：买方、供应商、收货人、银行以及您自己的公司。</translation>
    </message>
    <message>
        <source>New party</source>
        <translation>新建当事方</translation>
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
        <source>No products yet. Products are what you sell, with their HS codes, prices, weights and packing; invoice lines are filled from them.</source>
        <translation>还没有商品。商品是您销售的货物，含 HS 编码、价格、重量和包装；发票行据此填写。</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新建商品</translation>
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
        <source>No contracts yet. A sales contract with a buyer (or a purchase contract with a supplier) fixes the goods, prices and terms; invoices are made from it.</source>
        <translation>还没有合同。与买方的销售合同（或与供应商的采购合同）确定货物、价格和条款；发票据此生成。</translation>
    </message>
    <message>
        <source>New contract</source>
        <translation>新建合同</translation>
    </message>
    <message>
        <source>No invoices yet. An invoice bills the buyer for goods: make a new one, or make one from a contract.</source>
        <translation>还没有发票。发票向买方收取货款：新建一张，或从合同生成。</translation>
    </message>
    <message>
        <source>New invoice</source>
        <translation>新建发票</translation>
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
        <source>No shipments yet. A shipment records the vessel or flight, the containers and the dates; packing lists refer to it.</source>
        <translation>还没有货运。货运记录船名或航班、集装箱和日期；装箱单会引用它。</translation>
    </message>
    <message>
        <source>New shipment</source>
        <translation>新建货运</translation>
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
        <source>No deals yet. A deal ties a purchase contract to the sales contract that resells the goods (offshore, back-to-back trade).</source>
        <translation>还没有交易。交易将采购合同与转售货物的销售合同关联起来（离岸、背对背贸易）。</translation>
    </message>
    <message>
        <source>New deal</source>
        <translation>新建交易</translation>
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
    <message>
        <source>No documents issued yet. Issue one with Issue: it is registered with the trust network and signed, and shows here.</source>
        <translation>还没有签发单据。点击“签发”即可签发：单据会在信任网络登记并签名，然后显示在这里。</translation>
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
        <source>Select the contract, then New invoice from contract.</source>
        <translation>请选择合同，然后点击“从合同新建发票”。</translation>
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
        <source>Make one from a contract</source>
        <translation>从合同生成</translation>
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
    <name>Messages</name>
    <message>
        <source>{label} is required; {example}.</source>
        <translation>{label}为必填项；{example}。</translation>
    </message>
    <message>
        <source>The network file {name} cannot be read: {reason}.</source>
        <translation>无法读取网络文件 {name}：{reason}。</translation>
    </message>
    <message>
        <source>The database file '{path}' is damaged ({where}). Exporter Desk did not change it and will not write to it. {advice}</source>
        <translation>数据库文件“{path}”已损坏（{where}）。Exporter Desk 未更改该文件，也不会再写入它。{advice}</translation>
    </message>
    <message>
        <source>Exporter Desk could not upgrade the database (step {number}, {name}); nothing was changed. A copy made before the upgrade is in '{backup}'. Please report this problem.</source>
        <translation>Exporter Desk 无法升级数据库（第 {number} 步，{name}）；未做任何更改。升级前的副本保存在“{backup}”。请报告此问题。</translation>
    </message>
    <message>
        <source>{label} is required.</source>
        <translation>{label}为必填项。</translation>
    </message>
    <message>
        <source>{label} is {size} characters long; at most {limit} fit.</source>
        <translation>{label}长 {size} 个字符；最多 {limit} 个。</translation>
    </message>
    <message>
        <source>{label} contains invisible control characters; retype it.</source>
        <translation>{label}含有不可见的控制字符，请重新输入。</translation>
    </message>
    <message>
        <source>{label} must be zero or more.</source>
        <translation>{label}必须大于或等于零。</translation>
    </message>
    <message>
        <source>{label} must be more than zero.</source>
        <translation>{label}必须大于零。</translation>
    </message>
    <message>
        <source>{label} has more than {places} decimal place.</source>
        <translation>{label}的小数超过 {places} 位。</translation>
    </message>
    <message>
        <source>{label} has more than {places} decimal places.</source>
        <translation>{label}的小数超过 {places} 位。</translation>
    </message>
    <message>
        <source>{label} has more decimals than {currency} allows ({units}).</source>
        <translation>{label}的小数位数超过 {currency} 允许的位数（{units}）。</translation>
    </message>
    <message>
        <source>'{code}' is not an ISO 3166 country code; use two letters such as CN, DE or VN, or the English name such as China.</source>
        <translation>“{code}”不是 ISO 3166 国家代码；请使用两个字母（例如 CN、DE 或 VN）或英文国名（例如 China）。</translation>
    </message>
    <message>
        <source>'{code}' is not an ISO 4217 currency; use three letters such as USD, EUR or CNY.</source>
        <translation>“{code}”不是 ISO 4217 货币代码；请使用三个字母，例如 USD、EUR 或 CNY。</translation>
    </message>
    <message>
        <source>'{code}' is not an Incoterms 2020 rule; use one of {rules}.</source>
        <translation>“{code}”不是 Incoterms 2020 贸易术语；请使用以下之一：{rules}。</translation>
    </message>
    <message>
        <source>'{code}' is not a UN/LOCODE; use the country code and three letters, such as CNSHA (Shanghai) or DEHAM (Hamburg).</source>
        <translation>“{code}”不是 UN/LOCODE 港口代码；请使用国家代码加三个字母，例如 CNSHA（上海）或 DEHAM（汉堡）。</translation>
    </message>
    <message>
        <source>'{code}' is not an HS code; use 6, 8 or 10 digits, such as 8471.30 or 8471300000.</source>
        <translation>“{code}”不是 HS 编码；请使用 6、8 或 10 位数字，例如 8471.30 或 8471300000。</translation>
    </message>
    <message>
        <source>'{code}' starts with chapter {chapter}, which the HS does not have (chapters are 01 to 97, 77 unused).</source>
        <translation>“{code}”以第 {chapter} 章开头，而 HS 没有此章（章号为 01 至 97，77 未使用）。</translation>
    </message>
    <message>
        <source>'{code}' is not a valid {what} for {country}: {reason}. Check it against the company's licence.</source>
        <translation>“{code}”不是有效的{country}{what}：{reason}。请对照公司执照核对。</translation>
    </message>
    <message>
        <source>The {what} is too long to be a number.</source>
        <translation>{what}太长，不是一个数字。</translation>
    </message>
    <message>
        <source>'{text}' has a comma where none belongs; write the {what} with a decimal point, and commas only between groups of three digits, such as 1,234.50.</source>
        <translation>“{text}”中的逗号位置不对；{what}请用小数点书写，逗号只用于每三位数字之间，例如 1,234.50。</translation>
    </message>
    <message>
        <source>'{text}' is not a number; write the {what} with digits and an optional decimal point, such as 1234.50.</source>
        <translation>“{text}”不是数字；{what}请用数字书写，可带小数点，例如 1234.50。</translation>
    </message>
    <message>
        <source>The {what} must be an ordinary number.</source>
        <translation>{what}必须是普通数字。</translation>
    </message>
    <message>
        <source>The {what} is too large.</source>
        <translation>{what}太大。</translation>
    </message>
    <message>
        <source>The amount {amount} cannot be written on a document; check the quantities and prices.</source>
        <translation>金额 {amount} 无法写入单据；请检查数量和价格。</translation>
    </message>
    <message>
        <source>{currency} amounts have {units} decimal places; {amount} has more.</source>
        <translation>{currency} 金额有 {units} 位小数；{amount} 的小数位更多。</translation>
    </message>
    <message>
        <source>Amounts in {currency} and {other} cannot be added; use one currency per document.</source>
        <translation>{currency} 与 {other} 的金额不能相加；每份单据请使用一种货币。</translation>
    </message>
    <message>
        <source>{incoterm} is a sea term: give both ports as UN/LOCODEs.</source>
        <translation>{incoterm} 是海运术语：请以 UN/LOCODE 填写装运港和目的港。</translation>
    </message>
    <message>
        <source>The named place for {incoterm}</source>
        <translation>{incoterm} 的指定地点</translation>
    </message>
    <message>
        <source>Sold {sold} of {product} but bought {bought}.</source>
        <translation>{product} 售出 {sold}，但购入 {bought}。</translation>
    </message>
    <message>
        <source>The invoice line '{line}' names no known product (SKU); pack it by hand or link the line to a product.</source>
        <translation>发票行“{line}”没有对应的已知商品（SKU）；请手动装箱，或将该行关联到商品。</translation>
    </message>
    <message>
        <source>'{text}' is not an e-mail address.</source>
        <translation>“{text}”不是电子邮件地址。</translation>
    </message>
    <message>
        <source>'{text}' is not a SWIFT/BIC code (8 or 11 characters, such as BKCHCNBJ300).</source>
        <translation>“{text}”不是 SWIFT/BIC 代码（8 或 11 个字符，例如 BKCHCNBJ300）。</translation>
    </message>
    <message>
        <source>This looks like an IBAN but is not valid ({reason}).</source>
        <translation>这看起来像 IBAN，但无效（{reason}）。</translation>
    </message>
    <message>
        <source>'{text}' is not an ISO 6346 container number ({reason}); it is 4 letters and 7 digits, such as CSQU3054383.</source>
        <translation>“{text}”不是 ISO 6346 集装箱号（{reason}）；集装箱号为 4 个字母加 7 位数字，例如 CSQU3054383。</translation>
    </message>
    <message>
        <source>Deal {reference} has no contract yet, so there is nothing to print.</source>
        <translation>交易 {reference} 还没有合同，因此没有可打印的内容。</translation>
    </message>
    <message>
        <source>No invoice refers to shipment {reference} yet, so there is nothing to print. Set the shipment on its commercial invoice first.</source>
        <translation>还没有发票引用货运 {reference}，因此没有可打印的内容。请先在其商业发票上设置该货运。</translation>
    </message>
    <message>
        <source>{label} {number} changed while the pack was being built; build it again.</source>
        <translation>生成单据包时{label} {number} 发生了变化；请重新生成。</translation>
    </message>
    <message>
        <source>{label} {number} is not a readable PDF; render or choose it again.</source>
        <translation>{label} {number} 不是可读取的 PDF；请重新生成或选择。</translation>
    </message>
    <message>
        <source>{label} {number} is a damaged PDF; render or choose it again.</source>
        <translation>{label} {number} 是损坏的 PDF；请重新生成或选择。</translation>
    </message>
    <message>
        <source>{label} {number}: print between 1 and {most} originals and copies in all.</source>
        <translation>{label} {number}：正本和副本合计应打印 1 至 {most} 份。</translation>
    </message>
    <message>
        <source>{label} {number} has no pages; render it again.</source>
        <translation>{label} {number} 没有页面；请重新生成。</translation>
    </message>
    <message>
        <source>'{value}' is not a {what} Exporter Desk knows; use one of {choices}.</source>
        <translation>“{value}”不是 Exporter Desk 认识的{what}；请使用以下之一：{choices}。</translation>
    </message>
    <message>
        <source>The pack could not be saved to {path}: {reason}. Nothing was written; choose another place for the file.</source>
        <translation>无法将单据包保存到 {path}：{reason}。未写入任何内容；请为文件选择其他位置。</translation>
    </message>
    <message>
        <source>{what} cannot be printed: it needs {listed}. Add the missing data and print it again.</source>
        <translation>{what} 无法打印：缺少{listed}。请补充缺少的数据后重新打印。</translation>
    </message>
    <message>
        <source>{what} cannot be printed: {listed}. Correct the data and print it again.</source>
        <translation>{what} 无法打印：{listed}。请更正数据后重新打印。</translation>
    </message>
    <message>
        <source>No {what} is stored for this company profile on this computer. Create or import one in Settings, or restore it from your backup.</source>
        <translation>这台电脑上没有为此公司档案保存{what}。请在“设置”中创建或导入，或从备份恢复。</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least {minimum} characters to protect the company's signing key. Without it, nobody can recover the key: keep it safe.</source>
        <translation>请设置至少 {minimum} 个字符的口令来保护公司的签名密钥。没有口令，任何人都无法恢复密钥：请妥善保管。</translation>
    </message>
    <message>
        <source>This computer has no system keyring to keep the company's signing key safe (usual on Linux without a desktop session). Exporter Desk can keep the key in a file encrypted with a passphrase instead ({key_file}): give one when asked, or set EXPORTER_DESK_PASSPHRASE (at least 8 characters) for scripts.</source>
        <translation>这台电脑没有可安全保存公司签名密钥的系统密钥环（在没有桌面会话的 Linux 上很常见）。Exporter Desk 可以改为把密钥保存在用口令加密的文件中（{key_file}）：请在询问时输入口令，脚本可设置 EXPORTER_DESK_PASSPHRASE（至少 8 个字符）。</translation>
    </message>
    <message>
        <source>Your keys are in the encrypted file {key_file}; enter its passphrase (scripts set EXPORTER_DESK_PASSPHRASE).</source>
        <translation>您的密钥在加密文件 {key_file} 中；请输入其口令（脚本设置 EXPORTER_DESK_PASSPHRASE）。</translation>
    </message>
    <message>
        <source>The network {origin} chosen in Settings is no longer trusted here. Import its descriptor again, or choose the local network.</source>
        <translation>“设置”中选择的网络 {origin} 在此已不再受信任。请重新导入其网络描述文件，或选择本地网络。</translation>
    </message>
    <message>
        <source>Your company is not enrolled with {origin} yet. Enrol with the invitation code the network operator sent you (Settings &gt; Networks).</source>
        <translation>您的公司尚未加入 {origin}。请使用网络运营方发给您的邀请码加入（设置 &gt; 网络）。</translation>
    </message>
    <message>
        <source>The {subject} has {count} problem to fix: {lines}</source>
        <translation>{subject}有 {count} 个问题需要修正：{lines}</translation>
    </message>
    <message>
        <source>The {subject} has {count} problems to fix: {lines}</source>
        <translation>{subject}有 {count} 个问题需要修正：{lines}</translation>
    </message>
    <message>
        <source>'{name}' is not a spreadsheet Exporter Desk can read ({reason}). Save it from Excel, WPS or LibreOffice as .xlsx or .csv and try again.</source>
        <translation>“{name}”不是 Exporter Desk 能读取的电子表格（{reason}）。请用 Excel、WPS 或 LibreOffice 另存为 .xlsx 或 .csv 后重试。</translation>
    </message>
    <message>
        <source>The restored data did not open: {reason} Your previous data is back in {folder} unchanged.</source>
        <translation>恢复的数据无法打开：{reason}您原来的数据已原样放回 {folder}。</translation>
    </message>
    <message>
        <source>Deal {reference}</source>
        <translation>交易 {reference}</translation>
    </message>
    <message>
        <source>Shipment {reference}</source>
        <translation>货运 {reference}</translation>
    </message>
    <message>
        <source>Invoice {number}</source>
        <translation>发票 {number}</translation>
    </message>
    <message>
        <source>The {subject} (#{id}) no longer exists; it may have been deleted. Refresh the list and try again.</source>
        <translation>该{subject}（#{id}）已不存在，可能已被删除。请刷新列表后重试。</translation>
    </message>
    <message>
        <source>Another {subject} already has the {what} '{value}'. Each {subject2} needs its own {what2}; choose another.</source>
        <translation>另一个{subject}已使用{what}“{value}”。每个{subject2}的{what2}必须唯一；请另选一个。</translation>
    </message>
    <message>
        <source>The {subject} refers to a {target} (#{id}) that does not exist ({field}); pick one from the list.</source>
        <translation>该{subject}引用的{target}（#{id}）不存在（{field}）；请从列表中选择。</translation>
    </message>
    <message>
        <source>This {subject} cannot be deleted: it is used by {listed}. Remove those first, or keep it.</source>
        <translation>此{subject}无法删除：{listed}正在使用它。请先删除这些记录，或保留它。</translation>
    </message>
    <message>
        <source>The {field} of the {subject} is {size} characters long; at most {limit} fit. Shorten it (was something pasted by mistake?).</source>
        <translation>{subject}的{field}长 {size} 个字符；最多 {limit} 个。请缩短（是否误粘贴了内容？）。</translation>
    </message>
    <message>
        <source>The data breaks a rule of the database and was not saved ({cause}). Please report this problem.</source>
        <translation>数据违反了数据库规则，未保存（{cause}）。请报告此问题。</translation>
    </message>
    <message>
        <source>Exporter Desk could not write to its database ({cause}). Check free disk space and folder permissions; nothing was saved.</source>
        <translation>Exporter Desk 无法写入数据库（{cause}）。请检查磁盘空间和文件夹权限；未保存任何内容。</translation>
    </message>
    <message>
        <source>The trust-root file {name} cannot be read: {reason}.</source>
        <translation>无法读取信任根文件 {name}：{reason}。</translation>
    </message>
    <message>
        <source>{name} is not a network trust-root file. Ask the network's operator for the trust-root.json that 'exporter-desk-notary tuf init' wrote.</source>
        <translation>{name} 不是网络信任根文件。请向网络运营方索取由“exporter-desk-notary tuf init”生成的 trust-root.json。</translation>
    </message>
    <message>
        <source>The network's trust root at {url} publishes no network descriptor. Tell the network's operator.</source>
        <translation>位于 {url} 的网络信任根未发布网络描述文件。请告知网络运营方。</translation>
    </message>
    <message>
        <source>The network's trust root at {url} has expired, so it cannot be refreshed. The network's operator must re-sign it; until then the network you already trust stays as it was.</source>
        <translation>位于 {url} 的网络信任根已过期，无法刷新。须由网络运营方重新签署；在此之前，您已信任的网络保持不变。</translation>
    </message>
    <message>
        <source>The network's trust root at {url} cannot be reached. Check the Internet connection and try again; the network you already trust stays as it was.</source>
        <translation>无法访问位于 {url} 的网络信任根。请检查网络连接后重试；您已信任的网络保持不变。</translation>
    </message>
    <message>
        <source>The network's trust root at {url} is not signed by the keys you trust, or was rolled back. Nothing was changed. Tell the network's operator.</source>
        <translation>位于 {url} 的网络信任根并非由您信任的密钥签署，或已被回滚。未做任何更改。请告知网络运营方。</translation>
    </message>
    <message>
        <source>Its trust-root record is missing: pin it again.</source>
        <translation>其信任根记录缺失：请重新固定该网络。</translation>
    </message>
    <message>
        <source>Its trust root now names another network ({origin}); the pin is unchanged.</source>
        <translation>其信任根现在指向另一个网络（{origin}）；固定设置未改变。</translation>
    </message>
    <message>
        <source>This receipt is vouched for by witnesses that your copy of the network {origin} does not know ({names}): your trust root for it is out of date. Refresh the network (Settings, or 'exporter-desk network refresh') and verify again.</source>
        <translation>该回执由您所存 {origin} 网络信息中没有的见证方（{names}）担保：您的信任根已过期。请刷新该网络（在“设置”中，或运行 exporter-desk network refresh）后重新验证。</translation>
    </message>
    <message>
        <source>A proforma cannot expire before its date.</source>
        <translation>形式发票的有效期不能早于开票日期。</translation>
    </message>
    <message>
        <source>Add at least one line item.</source>
        <translation>请至少添加一行货物。</translation>
    </message>
    <message>
        <source>Add at least one package.</source>
        <translation>请至少添加一个包装。</translation>
    </message>
    <message>
        <source>Air shipments have no sea containers.</source>
        <translation>空运没有海运集装箱。</translation>
    </message>
    <message>
        <source>An L/C number belongs to L/C terms only.</source>
        <translation>信用证号只适用于信用证付款方式。</translation>
    </message>
    <message>
        <source>An account number has at most 34 letters and digits.</source>
        <translation>账号最多 34 个字母和数字。</translation>
    </message>
    <message>
        <source>An advance payment applies to T/T terms only.</source>
        <translation>预付款只适用于电汇付款方式。</translation>
    </message>
    <message>
        <source>An issuing bank belongs to L/C terms only.</source>
        <translation>开证行只适用于信用证付款方式。</translation>
    </message>
    <message>
        <source>At least one unit goes in a package.</source>
        <translation>每个包装至少装一个单位。</translation>
    </message>
    <message>
        <source>D/A terms need the number of days after sight (such as 60).</source>
        <translation>承兑交单需要填写见票后天数（例如 60）。</translation>
    </message>
    <message>
        <source>Discounts exceed the goods value: the total would be negative.</source>
        <translation>折扣超过货值：总额将为负数。</translation>
    </message>
    <message>
        <source>Only a proforma invoice has a validity date.</source>
        <translation>只有形式发票有有效期。</translation>
    </message>
    <message>
        <source>Package numbers overlap an earlier range.</source>
        <translation>件号与前面的范围重叠。</translation>
    </message>
    <message>
        <source>Package numbers run from the first to the last, starting at 1.</source>
        <translation>件号从第一件到最后一件，从 1 开始。</translation>
    </message>
    <message>
        <source>Payment days must be between 0 and 365.</source>
        <translation>付款天数必须在 0 到 365 之间。</translation>
    </message>
    <message>
        <source>The ETA is before the ETD.</source>
        <translation>预计到达时间早于预计离港时间。</translation>
    </message>
    <message>
        <source>The advance is a percentage between 0 and 100.</source>
        <translation>预付款是 0 到 100 之间的百分比。</translation>
    </message>
    <message>
        <source>The buyer and the seller must be different parties.</source>
        <translation>买方和卖方必须是不同的当事方。</translation>
    </message>
    <message>
        <source>The company buying on the purchase leg must be the seller on the sales leg.</source>
        <translation>采购端的买方公司必须是销售端的卖方。</translation>
    </message>
    <message>
        <source>The gross weight cannot be less than the net weight.</source>
        <translation>毛重不能小于净重。</translation>
    </message>
    <message>
        <source>The latest delivery date is before the earliest.</source>
        <translation>最晚交货日期早于最早交货日期。</translation>
    </message>
    <message>
        <source>The purchase leg must be a purchase contract.</source>
        <translation>采购端必须是采购合同。</translation>
    </message>
    <message>
        <source>The sales leg must be a sales contract.</source>
        <translation>销售端必须是销售合同。</translation>
    </message>
    <message>
        <source>The sales leg must be another contract than the purchase leg.</source>
        <translation>销售端必须是与采购端不同的合同。</translation>
    </message>
    <message>
        <source>The registration id must be at most 40 printable characters.</source>
        <translation>注册号最多 40 个可打印字符。</translation>
    </message>
    <message>
        <source>A pack needs the issuing company.</source>
        <translation>单据包需要出单公司。</translation>
    </message>
    <message>
        <source>A pack needs at least one document; select some.</source>
        <translation>单据包至少需要一份单据；请选择。</translation>
    </message>
    <message>
        <source>The visible seal cannot be placed on this document; issue it without the visible seal.</source>
        <translation>无法在此单据上放置可见印章；请不带可见印章签发。</translation>
    </message>
    <message>
        <source>Set up your company first (Settings &gt; Company): its name, address and registration id go on every document.</source>
        <translation>请先设置您的公司（设置 &gt; 公司）：每份单据都会印上其名称、地址和注册号。</translation>
    </message>
    <message>
        <source>There is no signing key yet. Create one or import your certificate (.p12/.pfx) in Settings &gt; Keys and certificates.</source>
        <translation>还没有签名密钥。请在“设置 &gt; 密钥和证书”中创建一个，或导入您的证书（.p12/.pfx）。</translation>
    </message>
    <message>
        <source>The database is in use by another program (is Exporter Desk open twice?). Close the other window and try again; nothing was saved.</source>
        <translation>数据库正被另一个程序使用（Exporter Desk 是否打开了两次？）。请关闭另一个窗口后重试；未保存任何内容。</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名称</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Bank address</source>
        <translation>银行地址</translation>
    </message>
    <message>
        <source>Bank name</source>
        <translation>银行名称</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
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
        <source>The Chinese address</source>
        <translation>中文地址</translation>
    </message>
    <message>
        <source>The Chinese description</source>
        <translation>中文品名</translation>
    </message>
    <message>
        <source>The Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>The English address</source>
        <translation>英文地址</translation>
    </message>
    <message>
        <source>The English description</source>
        <translation>英文品名</translation>
    </message>
    <message>
        <source>The English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>The port of loading</source>
        <translation>装运港</translation>
    </message>
    <message>
        <source>The port of discharge</source>
        <translation>卸货港</translation>
    </message>
    <message>
        <source>The country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>The country of origin</source>
        <translation>原产国</translation>
    </message>
    <message>
        <source>The HS code is required; use 6, 8 or 10 digits, such as 8471.30.</source>
        <translation>HS 编码为必填项；请使用 6、8 或 10 位数字，例如 8471.30。</translation>
    </message>
    <message>
        <source>it is a PDF</source>
        <translation>这是一个 PDF 文件</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>it is an old Excel 97-2003 .xls file</source>
        <translation>这是旧版 Excel 97-2003 .xls 文件</translation>
    </message>
    <message>
        <source>it is a damaged zip file</source>
        <translation>这是一个损坏的 zip 文件</translation>
    </message>
    <message>
        <source>it is a zip file but not an Excel workbook</source>
        <translation>这是 zip 文件，但不是 Excel 工作簿</translation>
    </message>
    <message>
        <source>it holds binary data, not text</source>
        <translation>其中是二进制数据，不是文本</translation>
    </message>
    <message>
        <source>it is a PNG image</source>
        <translation>这是一个 PNG 图片</translation>
    </message>
    <message>
        <source>it is a JPEG image</source>
        <translation>这是一个 JPEG 图片</translation>
    </message>
    <message>
        <source>it is a GIF image</source>
        <translation>这是一个 GIF 图片</translation>
    </message>
    <message>
        <source>it is a database</source>
        <translation>这是一个数据库文件</translation>
    </message>
    <message>
        <source>it is a gzip archive</source>
        <translation>这是一个 gzip 压缩包</translation>
    </message>
    <message>
        <source>it is a RAR archive</source>
        <translation>这是一个 RAR 压缩包</translation>
    </message>
    <message>
        <source>it is a 7-Zip archive</source>
        <translation>这是一个 7-Zip 压缩包</translation>
    </message>
    <message>
        <source>The L/C number</source>
        <translation>信用证号</translation>
    </message>
    <message>
        <source>The SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>The amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>The buyer's reference</source>
        <translation>买方参考号</translation>
    </message>
    <message>
        <source>The container type</source>
        <translation>集装箱类型</translation>
    </message>
    <message>
        <source>The contents</source>
        <translation>内装物</translation>
    </message>
    <message>
        <source>The contract number</source>
        <translation>合同号</translation>
    </message>
    <message>
        <source>The deal reference</source>
        <translation>交易编号</translation>
    </message>
    <message>
        <source>The description</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>The gross weight</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>The invoice number</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>The issuing bank</source>
        <translation>开证行</translation>
    </message>
    <message>
        <source>The net weight</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>The notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The packing list number</source>
        <translation>装箱单号</translation>
    </message>
    <message>
        <source>The quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>The seal number</source>
        <translation>封条号</translation>
    </message>
    <message>
        <source>The shipment reference</source>
        <translation>货运编号</translation>
    </message>
    <message>
        <source>The unit price</source>
        <translation>单价</translation>
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
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
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
        <source>Flight</source>
        <translation>航班</translation>
    </message>
    <message>
        <source>Transport document no</source>
        <translation>运输单据号</translation>
    </message>
    <message>
        <source>Place of delivery</source>
        <translation>交货地点</translation>
    </message>
    <message>
        <source>number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>percentage</source>
        <translation>百分比</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>paper size</source>
        <translation>纸张尺寸</translation>
    </message>
    <message>
        <source>copy mark</source>
        <translation>正副本标记</translation>
    </message>
    <message>
        <source>document language</source>
        <translation>单据语言</translation>
    </message>
    <message>
        <source>number of copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>company record</source>
        <translation>公司记录</translation>
    </message>
    <message>
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>party</source>
        <translation>当事方</translation>
    </message>
    <message>
        <source>product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>shipment</source>
        <translation>货运</translation>
    </message>
    <message>
        <source>deal</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>packing list</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>tax or registration number</source>
        <translation>税号或注册号</translation>
    </message>
    <message>
        <source>The number's checksum or check digit is invalid</source>
        <translation>校验位不正确</translation>
    </message>
    <message>
        <source>The number has an invalid format</source>
        <translation>格式不正确</translation>
    </message>
    <message>
        <source>The number has an invalid length</source>
        <translation>长度不正确</translation>
    </message>
    <message>
        <source>One of the parts of the number are invalid or unknown</source>
        <translation>号码中有部分无效或未知</translation>
    </message>
    <message>
        <source>Commercial Invoice</source>
        <translation>商业发票</translation>
    </message>
    <message>
        <source>Proforma Invoice</source>
        <translation>形式发票</translation>
    </message>
    <message>
        <source>Packing List</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Sales Contract</source>
        <translation>销售合同</translation>
    </message>
    <message>
        <source>Purchase Contract</source>
        <translation>采购合同</translation>
    </message>
    <message>
        <source>Certificate of Origin</source>
        <translation>原产地证明书</translation>
    </message>
    <message>
        <source>Shipping Instruction</source>
        <translation>托运单</translation>
    </message>
    <message>
        <source>Beneficiary's Certificate</source>
        <translation>受益人证明</translation>
    </message>
    <message>
        <source>Bill of Exchange</source>
        <translation>汇票</translation>
    </message>
    <message>
        <source>a bill of exchange is printed in 1 or 2 parts</source>
        <translation>汇票一式 1 份或 2 份</translation>
    </message>
    <message>
        <source>a draft cannot be drawn for a zero amount</source>
        <translation>不能开立金额为零的汇票</translation>
    </message>
    <message>
        <source>at least one line item</source>
        <translation>至少一行商品</translation>
    </message>
    <message>
        <source>at least one package</source>
        <translation>至少一个包装</translation>
    </message>
    <message>
        <source>at least one statement to certify</source>
        <translation>至少一条证明内容</translation>
    </message>
    <message>
        <source>the L/C number</source>
        <translation>信用证号</translation>
    </message>
    <message>
        <source>the applicant</source>
        <translation>开证申请人</translation>
    </message>
    <message>
        <source>the applicant is not the invoice's buyer</source>
        <translation>开证申请人不是发票的买方</translation>
    </message>
    <message>
        <source>the beneficiary</source>
        <translation>受益人</translation>
    </message>
    <message>
        <source>the beneficiary is not the invoice's seller</source>
        <translation>受益人不是发票的卖方</translation>
    </message>
    <message>
        <source>the buyer</source>
        <translation>买方</translation>
    </message>
    <message>
        <source>the buyer is not the contract's</source>
        <translation>买方与合同不符</translation>
    </message>
    <message>
        <source>the buyer is not the invoice's</source>
        <translation>买方与发票不符</translation>
    </message>
    <message>
        <source>the certificate number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>the consignee</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>the consignee is not the invoice's</source>
        <translation>收货人与发票不符</translation>
    </message>
    <message>
        <source>the consignee named on the invoice</source>
        <translation>发票上指定的收货人</translation>
    </message>
    <message>
        <source>the contract is not the invoice's</source>
        <translation>合同与发票不符</translation>
    </message>
    <message>
        <source>the contract named on the invoice</source>
        <translation>发票上指定的合同</translation>
    </message>
    <message>
        <source>the contract number</source>
        <translation>合同号</translation>
    </message>
    <message>
        <source>the country of origin of the goods</source>
        <translation>货物原产国</translation>
    </message>
    <message>
        <source>the country of origin on the invoice</source>
        <translation>发票上的原产国</translation>
    </message>
    <message>
        <source>the date until which the proforma is valid</source>
        <translation>形式发票的有效期</translation>
    </message>
    <message>
        <source>the draft number</source>
        <translation>汇票编号</translation>
    </message>
    <message>
        <source>the drawee (the buyer)</source>
        <translation>付款人（买方）</translation>
    </message>
    <message>
        <source>the drawee (the issuing bank of the L/C)</source>
        <translation>付款人（信用证开证行）</translation>
    </message>
    <message>
        <source>the drawer (the seller)</source>
        <translation>出票人（卖方）</translation>
    </message>
    <message>
        <source>the drawer is not the invoice's seller</source>
        <translation>出票人不是发票的卖方</translation>
    </message>
    <message>
        <source>the exporter</source>
        <translation>出口商</translation>
    </message>
    <message>
        <source>the exporter is not the invoice's seller</source>
        <translation>出口商不是发票的卖方</translation>
    </message>
    <message>
        <source>the forwarder to instruct</source>
        <translation>要委托的货代</translation>
    </message>
    <message>
        <source>the instruction number</source>
        <translation>托运单编号</translation>
    </message>
    <message>
        <source>the invoice given is not the packing list's</source>
        <translation>所给发票与装箱单不符</translation>
    </message>
    <message>
        <source>the invoice it belongs to</source>
        <translation>所属发票</translation>
    </message>
    <message>
        <source>the invoice number</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>the notify party is not the invoice's</source>
        <translation>通知方与发票不符</translation>
    </message>
    <message>
        <source>the notify party named on the invoice</source>
        <translation>发票上指定的通知方</translation>
    </message>
    <message>
        <source>the number of B/L copies must be 0 to 20</source>
        <translation>提单副本份数必须为 0 至 20</translation>
    </message>
    <message>
        <source>the number of original B/Ls must be 0 to 9</source>
        <translation>正本提单份数必须为 0 至 9</translation>
    </message>
    <message>
        <source>the packing list (packages, weights and measurement)</source>
        <translation>装箱单（包装、重量和尺码）</translation>
    </message>
    <message>
        <source>the packing list is for another invoice</source>
        <translation>装箱单属于另一张发票</translation>
    </message>
    <message>
        <source>the packing list number</source>
        <translation>装箱单号</translation>
    </message>
    <message>
        <source>the seller</source>
        <translation>卖方</translation>
    </message>
    <message>
        <source>the seller is not the contract's</source>
        <translation>卖方与合同不符</translation>
    </message>
    <message>
        <source>the seller is not the invoice's</source>
        <translation>卖方与发票不符</translation>
    </message>
    <message>
        <source>the seller's bank account, for the payment instructions</source>
        <translation>卖方银行账户（用于付款指示）</translation>
    </message>
    <message>
        <source>the shipment</source>
        <translation>货运</translation>
    </message>
    <message>
        <source>the shipment (booking)</source>
        <translation>货运（订舱）</translation>
    </message>
    <message>
        <source>the shipment (means of transport and route)</source>
        <translation>货运（运输工具和路线）</translation>
    </message>
    <message>
        <source>the shipment is not the invoice's</source>
        <translation>货运与发票不符</translation>
    </message>
    <message>
        <source>the shipment is not the packing list's</source>
        <translation>货运与装箱单不符</translation>
    </message>
    <message>
        <source>the shipment named on the invoice</source>
        <translation>发票上指定的货运</translation>
    </message>
    <message>
        <source>the shipper</source>
        <translation>托运人</translation>
    </message>
    <message>
        <source>the shipper is not the invoice's seller</source>
        <translation>托运人不是发票的卖方</translation>
    </message>
    <message>
        <source>This computer has no system keyring that Exporter Desk can use to keep the company's signing key safe (this is usual on Linux without a desktop session). Choose Settings &gt; Security &gt; 'Keep keys in an encrypted file' and pick a passphrase: the key is then stored in a file encrypted with that passphrase.</source>
        <translation>这台电脑没有 Exporter Desk 可用来安全保存公司签名密钥的系统密钥环（在没有桌面会话的 Linux 上很常见）。请选择“设置 &gt; 安全 &gt; 将密钥保存在加密文件中”并设置口令：密钥将保存在用该口令加密的文件中。</translation>
    </message>
    <message>
        <source>The system keyring refused access to Exporter Desk's secrets. Unlock the keyring (or allow access when the system asks) and try again.</source>
        <translation>系统密钥环拒绝了 Exporter Desk 访问其机密。请解锁密钥环（或在系统询问时允许访问）后重试。</translation>
    </message>
    <message>
        <source>The passphrase is not correct for this encrypted key file. Check the keyboard layout and Caps Lock, and try again.</source>
        <translation>此加密密钥文件的口令不正确。请检查键盘布局和大写锁定键后重试。</translation>
    </message>
    <message>
        <source>The stored signing key or the encrypted key file is damaged, or was written by a newer version of Exporter Desk. Restore it from your backup or update the app.</source>
        <translation>保存的签名密钥或加密密钥文件已损坏，或由更新版本的 Exporter Desk 写入。请从备份恢复或更新本程序。</translation>
    </message>
    <message>
        <source>The encrypted key file could not be saved. Check that the disk is not full and that you may write to the app's data folder, then try again.</source>
        <translation>无法保存加密密钥文件。请确认磁盘未满且您有权写入程序的数据文件夹，然后重试。</translation>
    </message>
    <message>
        <source>The company profile name cannot be used: it must be 1 to 100 characters without ':' or control characters.</source>
        <translation>无法使用该公司档案名称：名称须为 1 至 100 个字符，且不含“:”或控制字符。</translation>
    </message>
    <message>
        <source>This file is not a PKCS#12 certificate file (.p12 or .pfx). Export your certificate from your certificate authority's tool as .p12/.pfx with its private key, then import that file.</source>
        <translation>此文件不是 PKCS#12 证书文件（.p12 或 .pfx）。请用证书颁发机构的工具将证书连同私钥导出为 .p12/.pfx，再导入该文件。</translation>
    </message>
    <message>
        <source>The password of this .p12/.pfx file is not correct. Use the password chosen when the file was exported.</source>
        <translation>此 .p12/.pfx 文件的密码不正确。请使用导出该文件时设置的密码。</translation>
    </message>
    <message>
        <source>This .p12/.pfx file holds a certificate but no private key, so it cannot sign. Export it again with the private key included.</source>
        <translation>此 .p12/.pfx 文件只含证书、不含私钥，因此无法签名。请连同私钥重新导出。</translation>
    </message>
    <message>
        <source>This .p12/.pfx file holds a private key but not its certificate. Export it again with the certificate included.</source>
        <translation>此 .p12/.pfx 文件只含私钥、不含其证书。请连同证书重新导出。</translation>
    </message>
    <message>
        <source>This certificate uses a key type Exporter Desk does not sign with. Only ECDSA P-256 (prime256v1) keys are supported: ask your certificate authority for an ECDSA P-256 certificate.</source>
        <translation>此证书使用的密钥类型 Exporter Desk 不支持签名。仅支持 ECDSA P-256（prime256v1）密钥：请向证书颁发机构申请 ECDSA P-256 证书。</translation>
    </message>
    <message>
        <source>The certificate does not belong to this private key. Import the certificate that was issued for this key.</source>
        <translation>该证书与此私钥不匹配。请导入为此密钥签发的证书。</translation>
    </message>
    <message>
        <source>This file is not a readable X.509 certificate (PEM or DER).</source>
        <translation>此文件不是可读取的 X.509 证书（PEM 或 DER）。</translation>
    </message>
    <message>
        <source>The company details cannot be put into a certificate: the name must be 1 to 64 characters, the country a two-letter ISO code such as CN, and the registration number (e.g. the unified social credit code) 1 to 64 letters and digits.</source>
        <translation>公司信息无法写入证书：名称须为 1 至 64 个字符，国家须为两个字母的 ISO 代码（如 CN），注册号（如统一社会信用代码）须为 1 至 64 个字母和数字。</translation>
    </message>
    <message>
        <source>The certificate request is not valid (unreadable, wrongly signed, or not an ECDSA P-256 key), so no certificate was issued.</source>
        <translation>证书请求无效（无法读取、签名错误或不是 ECDSA P-256 密钥），因此未签发证书。</translation>
    </message>
    <message>
        <source>The document is not a PDF that Exporter Desk can sign (it is damaged, encrypted, or not a PDF).</source>
        <translation>该单据不是 Exporter Desk 可以签名的 PDF（已损坏、已加密或不是 PDF）。</translation>
    </message>
    <message>
        <source>The document is already signed, and changing it now would break that signature. Issue it again from the start instead.</source>
        <translation>该单据已签名，现在修改会破坏签名。请从头重新签发。</translation>
    </message>
    <message>
        <source>The document already carries an attached file of this name; it was not attached twice.</source>
        <translation>该单据已带有同名附件；未重复附加。</translation>
    </message>
    <message>
        <source>The visible company seal cannot be placed: check that the seal image is a PNG file and that the seal box lies on an existing page.</source>
        <translation>无法放置可见的公司印章：请确认印章图片为 PNG 文件，且印章框位于现有页面上。</translation>
    </message>
    <message>
        <source>The time-stamping service could not be reached or gave an invalid answer, so the document was not signed. Try again later, or sign without a time stamp.</source>
        <translation>无法连接时间戳服务或其应答无效，因此单据未签名。请稍后重试，或不带时间戳签名。</translation>
    </message>
    <message>
        <source>The document could not be signed or changed. The details have been logged; please report them if this happens again.</source>
        <translation>无法签名或修改该单据。详细信息已记录在日志中；如再次发生，请报告。</translation>
    </message>
    <message>
        <source>signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>China</source>
        <translation>中国</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>中国香港</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>中国台湾</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>德国</translation>
    </message>
    <message>
        <source>Vietnam</source>
        <translation>越南</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>美国</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <source>France</source>
        <translation>法国</translation>
    </message>
    <message>
        <source>Netherlands</source>
        <translation>荷兰</translation>
    </message>
    <message>
        <source>Italy</source>
        <translation>意大利</translation>
    </message>
    <message>
        <source>Spain</source>
        <translation>西班牙</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>South Korea</source>
        <translation>韩国</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <source>India</source>
        <translation>印度</translation>
    </message>
    <message>
        <source>Thailand</source>
        <translation>泰国</translation>
    </message>
    <message>
        <source>Malaysia</source>
        <translation>马来西亚</translation>
    </message>
    <message>
        <source>Indonesia</source>
        <translation>印度尼西亚</translation>
    </message>
    <message>
        <source>United Arab Emirates</source>
        <translation>阿联酋</translation>
    </message>
    <message>
        <source>Poland</source>
        <translation>波兰</translation>
    </message>
    <message>
        <source>Belgium</source>
        <translation>比利时</translation>
    </message>
    <message>
        <source>Austria</source>
        <translation>奥地利</translation>
    </message>
    <message>
        <source>Switzerland</source>
        <translation>瑞士</translation>
    </message>
    <message>
        <source>Australia</source>
        <translation>澳大利亚</translation>
    </message>
    <message>
        <source>Canada</source>
        <translation>加拿大</translation>
    </message>
    <message>
        <source>Brazil</source>
        <translation>巴西</translation>
    </message>
    <message>
        <source>Mexico</source>
        <translation>墨西哥</translation>
    </message>
    <message>
        <source>Russian Federation</source>
        <translation>俄罗斯</translation>
    </message>
    <message>
        <source>Türkiye</source>
        <translation>土耳其</translation>
    </message>
    <message>
        <source>Sweden</source>
        <translation>瑞典</translation>
    </message>
    <message>
        <source>Denmark</source>
        <translation>丹麦</translation>
    </message>
    <message>
        <source>There is not enough free space on the disk to write '{path}' ({size}). Nothing was written. Free some space on that disk, or choose another place for the file, and try again.</source>
        <translation>磁盘空间不足，无法写入“{path}”（{size}）。未写入任何内容。请清理该磁盘上的空间，或为文件另选保存位置，然后重试。</translation>
    </message>
    <message>
        <source>Exporter Desk may not write '{path}' ({cause}): the folder is read-only or belongs to someone else. Nothing was written; choose another place for the file.</source>
        <translation>Exporter Desk 无权写入“{path}”（{cause}）：该文件夹是只读的，或属于其他用户。未写入任何内容；请为文件另选保存位置。</translation>
    </message>
    <message>
        <source>'{name}': Exporter Desk exports to .xlsx (Excel, WPS) or .csv; give the file one of these endings.</source>
        <translation>“{name}”：Exporter Desk 只能导出为 .xlsx（Excel、WPS）或 .csv 文件；请使用其中一种扩展名。</translation>
    </message>
    <message>
        <source>'{path}' could not be written ({reason}). Choose another folder, or close the file if Excel has it open.</source>
        <translation>无法写入“{path}”（{reason}）。请另选文件夹；如果 Excel 正打开该文件，请先关闭。</translation>
    </message>
    <message>
        <source>The network file could not be saved to {path}: {reason}.</source>
        <translation>无法将网络文件保存到 {path}：{reason}。</translation>
    </message>
    <message>
        <source>The font needed to print documents is missing from this installation ({name}). Reinstall Exporter Desk.</source>
        <translation>本次安装缺少打印单据所需的字体（{name}）。请重新安装 Exporter Desk。</translation>
    </message>
    <message>
        <source>The font needed to print documents is damaged ({name}). Reinstall Exporter Desk.</source>
        <translation>打印单据所需的字体已损坏（{name}）。请重新安装 Exporter Desk。</translation>
    </message>
    <message>
        <source>'{text}' is not a container type; use 2 to 10 letters and digits, such as 40HC or 22G1.</source>
        <translation>“{text}”不是有效的箱型代码；请使用 2 到 10 个字母和数字，例如 40HC 或 22G1。</translation>
    </message>
    <message>
        <source>'{text}' is not a {label}; use at most {limit} letters, digits, hyphens, dots or slashes, such as {example}.</source>
        <translation>“{text}”不是有效的{label}；最多可用 {limit} 个字母、数字、连字符、点或斜杠，例如 {example}。</translation>
    </message>
    <message>
        <source>'{text}' is not an account number: an account number has at most 34 letters and digits (and hyphens).</source>
        <translation>“{text}”不是有效的账号：账号最多由 34 个字母和数字（及连字符）组成。</translation>
    </message>
    <message>
        <source>'{text}' looks like an IBAN but is not valid ({reason}); check it against the bank's statement.</source>
        <translation>“{text}”看似 IBAN，但无效（{reason}）；请对照银行对账单核对。</translation>
    </message>
    <message>
        <source>such as {example}</source>
        <translation>例如 {example}</translation>
    </message>
    <message>
        <source>'{text}' is not a SWIFT date; SWIFT writes dates as YYMMDD, such as 261102 for 2 November 2026.</source>
        <translation>“{text}”不是 SWIFT 日期；SWIFT 的日期写作 YYMMDD，例如 261102 表示 2026 年 11 月 2 日。</translation>
    </message>
    <message>
        <source>'{text}' is not a real date (YYMMDD).</source>
        <translation>“{text}”不是有效的日期（YYMMDD）。</translation>
    </message>
    <message>
        <source>'{text}' is not a SWIFT amount; it is the currency code and the amount with a decimal comma, such as USD123456,78.</source>
        <translation>“{text}”不是 SWIFT 金额；应为币种代码加上以逗号作小数点的金额，例如 USD123456,78。</translation>
    </message>
    <message>
        <source>The text is {size} characters long; an MT700 is at most about 10,000. Paste only the message.</source>
        <translation>文本长 {size} 个字符；一份 MT700 最多约 10,000 个字符。请只粘贴报文本身。</translation>
    </message>
    <message>
        <source>'{name}' is not an Exporter Desk backup ({reason}). Nothing was changed.</source>
        <translation>“{name}”不是 Exporter Desk 备份（{reason}）。未做任何更改。</translation>
    </message>
    <message>
        <source>The backup '{name}' is damaged ({reason}); it was not restored and nothing was changed. Copy the file again from where it was made.</source>
        <translation>备份“{name}”已损坏（{reason}），未予恢复，也未做任何更改。请从制作备份的地方重新复制该文件。</translation>
    </message>
    <message>
        <source>The backup '{name}' was made by a newer Exporter Desk ({made_by}) than this one ({version}). Install the newer version, then restore it. Nothing was changed.</source>
        <translation>备份“{name}”由较新版本的 Exporter Desk（{made_by}）制作，当前版本为 {version}。请先安装新版本，再恢复该备份。未做任何更改。</translation>
    </message>
    <message>
        <source>There is no Exporter Desk data in {folder} to back up.</source>
        <translation>{folder} 中没有可备份的 Exporter Desk 数据。</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least {minimum} characters to protect the signing key in the backup.</source>
        <translation>请设置至少 {minimum} 个字符的口令，以保护备份中的签名密钥。</translation>
    </message>
    <message>
        <source>The backup '{name}' cannot be used: {reason}. Choose another backup; your current data was not changed.</source>
        <translation>备份“{name}”无法使用：{reason}。请另选一个备份；您当前的数据未被更改。</translation>
    </message>
    <message>
        <source>it cannot be read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <source>its contents differ from its manifest: {names}</source>
        <translation>内容与清单不符：{names}</translation>
    </message>
    <message>
        <source>it names a file outside the data folder: {name}</source>
        <translation>其中列有数据文件夹以外的文件：{name}</translation>
    </message>
    <message>
        <source>{name} is longer than recorded</source>
        <translation>{name} 比记录的长</translation>
    </message>
    <message>
        <source>{name} cannot be unpacked</source>
        <translation>{name} 无法解压</translation>
    </message>
    <message>
        <source>{name} does not match its checksum</source>
        <translation>{name} 与其校验和不符</translation>
    </message>
    <message>
        <source>its database is damaged: {problem}</source>
        <translation>其中的数据库已损坏：{problem}</translation>
    </message>
    <message>
        <source>This file cannot be used as the {what}: {problem}. Choose {accepted}.</source>
        <translation>此文件不能用作{what}：{problem}。请选择{accepted}。</translation>
    </message>
    <message>
        <source>it is {size} MB, too large</source>
        <translation>文件大小为 {size} MB，过大</translation>
    </message>
    <message>
        <source>it is {width} x {height} pixels, too large</source>
        <translation>尺寸为 {width} × {height} 像素，过大</translation>
    </message>
    <message>
        <source>{name} is too large to be an MT700 message.</source>
        <translation>{name} 太大，不可能是 MT700 报文。</translation>
    </message>
    <message>
        <source>{name} is not a text file; save the MT700 as plain text.</source>
        <translation>{name} 不是文本文件；请将 MT700 另存为纯文本。</translation>
    </message>
    <message>
        <source>{name} is {size} MB; attach a file under {limit} MB.</source>
        <translation>{name} 大小为 {size} MB；请附加小于 {limit} MB 的文件。</translation>
    </message>
    <message>
        <source>{name} is too large to be a network descriptor.</source>
        <translation>{name} 太大，不可能是网络描述文件。</translation>
    </message>
    <message>
        <source>{name} cannot be read: {reason}.</source>
        <translation>无法读取 {name}：{reason}。</translation>
    </message>
    <message>
        <source>'{name}' is protected with a password. Open it in Excel or WPS, remove the password (File &gt; Info &gt; Protect Workbook), save it and import it again.</source>
        <translation>“{name}”设有密码保护。请在 Excel 或 WPS 中打开它，取消密码（文件 &gt; 信息 &gt; 保护工作簿），保存后重新导入。</translation>
    </message>
    <message>
        <source>'{name}' is {size} MB; Exporter Desk imports files of up to {limit} MB. Split it into smaller files, or remove columns and sheets you do not import.</source>
        <translation>“{name}”大小为 {size} MB；Exporter Desk 可导入的文件最大为 {limit} MB。请将其拆分为较小的文件，或删除不导入的列和工作表。</translation>
    </message>
    <message>
        <source>'{name}' has no rows to import: the first sheet is empty or has no row of column titles.</source>
        <translation>“{name}”中没有可导入的行：第一个工作表是空的，或没有列标题行。</translation>
    </message>
    <message>
        <source>Nothing was imported: the file has {count} problem to fix first (see the list by row and column).</source>
        <translation>未导入任何内容：文件中有 {count} 个问题需要先修正（见按行、列列出的清单）。</translation>
    </message>
    <message>
        <source>Nothing was imported: the file has {count} problems to fix first (see the list by row and column).</source>
        <translation>未导入任何内容：文件中有 {count} 个问题需要先修正（见按行、列列出的清单）。</translation>
    </message>
    <message>
        <source>Choose a column for: {fields}.</source>
        <translation>请为以下字段选择一列：{fields}。</translation>
    </message>
    <message>
        <source>{label} {number} was issued on {when}, and its data has changed since. Issuing it again registers a new document that supersedes the earlier one: the earlier PDF stays in the register marked superseded, and anyone who verifies it online is told it was replaced.</source>
        <translation>{label} {number} 已于 {when} 签发，此后其数据有改动。再次签发会登记一份新单据来替代原单据：原 PDF 仍保留在登记簿中并标记为“已被替代”，任何人在线验证原单据时都会被告知它已被替换。</translation>
    </message>
    <message>
        <source>{label} {number} was issued with other data and still waits for registration. Retry the registration first (Documents); then issue it again to supersede it.</source>
        <translation>{label} {number} 曾以不同的数据签发，目前仍在等待登记。请先重试登记（“单据”页），然后再次签发以替代它。</translation>
    </message>
    <message>
        <source>Nothing to pack for {title}: tick at least one document that is issued or has all its data.</source>
        <translation>{title} 没有可打包的内容：请至少勾选一份已签发或数据齐全的单据。</translation>
    </message>
    <message>
        <source>A bank pack holds only issued, signed documents; these are not issued yet: {listed}. Issue them (or untick them) and build the pack again.</source>
        <translation>交单文件包只能包含已签发并签名的单据；以下单据尚未签发：{listed}。请先签发（或取消勾选），再重新生成交单文件包。</translation>
    </message>
    <message>
        <source>{what} (lacks {missing})</source>
        <translation>{what}（缺少{missing}）</translation>
    </message>
    <message>
        <source>{name} is not an authentic registered document ({result}); a presentment records only authentic documents.</source>
        <translation>{name} 不是经过登记的真实单据（{result}）；交单登记只接受真实有效的单据。</translation>
    </message>
    <message>
        <source>The document is registered with {origin}, but your bank is a member of {bank}: its presentment must be recorded on the network the document is registered with.</source>
        <translation>此单据登记在 {origin}，但您的银行是 {bank} 的成员：交单必须登记在单据所登记的网络上。</translation>
    </message>
    <message>
        <source>The {label} '{value}' cannot identify the document: it must have 1 to 60 letters and digits (spaces, dots, dashes and slashes are ignored).</source>
        <translation>{label}“{value}”无法用来识别单据：必须包含 1 到 60 个字母和数字（空格、点、短横线和斜杠不计）。</translation>
    </message>
    <message>
        <source>The amount '{value}' must be a positive amount.</source>
        <translation>金额“{value}”必须大于零。</translation>
    </message>
    <message>
        <source>The amount '{value}' is not a number.</source>
        <translation>金额“{value}”不是数字。</translation>
    </message>
    <message>
        <source>'{value}' is not a currency code such as USD or EUR.</source>
        <translation>“{value}”不是币种代码（例如 USD 或 EUR）。</translation>
    </message>
    <message>
        <source>{origin} did not send an API token; try again later.</source>
        <translation>{origin} 没有发来 API 令牌；请稍后重试。</translation>
    </message>
    <message>
        <source>{origin} answered with a certificate its pinned member CA did not issue; nothing was changed. Check the network file with the operator.</source>
        <translation>{origin} 返回的证书并非由其固定的成员 CA 签发；未做任何更改。请与运营方核对网络文件。</translation>
    </message>
    <message>
        <source>The {what} of your local network is missing from the keystore (was the keyring reset?). Documents issued before still verify; to issue new ones, move the 'network' folder of the data folder aside and restart.</source>
        <translation>密钥库中缺少本地网络的{what}（系统密钥环是否被重置过？）。之前签发的单据仍可验证；如需签发新单据，请将数据文件夹中的“network”文件夹移到别处，然后重新启动。</translation>
    </message>
    <message>
        <source>The trust network refused the registration: {message}</source>
        <translation>信任网络拒绝了登记：{message}</translation>
    </message>
    <message>
        <source>A document number must be 1 to {limit} characters of plain letters, digits and punctuation, without spaces.</source>
        <translation>单据编号必须为 1 到 {limit} 个字符，只能使用普通字母、数字和标点，不能有空格。</translation>
    </message>
    <message>
        <source>The certificate {subject} cannot be trusted as an issuer of signing certificates: it is not a certificate authority (CA) certificate. Ask its owner for their CA certificate instead.</source>
        <translation>证书 {subject} 不能作为签名证书的签发方受到信任：它不是证书颁发机构（CA）证书。请向其所有者索取其 CA 证书。</translation>
    </message>
    <message>
        <source>'{path}' is not an Exporter Desk database ({reason}). The file was not changed. Choose another data folder, or restore a backup.</source>
        <translation>“{path}”不是 Exporter Desk 数据库（{reason}）。该文件未被更改。请另选数据文件夹，或恢复备份。</translation>
    </message>
    <message>
        <source>The database file '{path}' is damaged. Exporter Desk did not change it and will not write to it. {advice}</source>
        <translation>数据库文件“{path}”已损坏。Exporter Desk 未更改该文件，也不会再写入它。{advice}</translation>
    </message>
    <message>
        <source>The database file '{path}' is empty (0 bytes), but its folder holds a company's files ({found}). Exporter Desk will not start a new company over them; a failed copy or sync may have emptied the file, and nothing was changed. {advice}</source>
        <translation>数据库文件“{path}”是空的（0 字节），但其所在文件夹中有公司的文件（{found}）。Exporter Desk 不会在这些文件之上新建公司；该文件可能因复制或同步失败而被清空，目前未做任何更改。{advice}</translation>
    </message>
    <message>
        <source>There is no backup in '{folder}'. Keep a copy of the whole folder and do not start a new company in it; ask for help to recover the data.</source>
        <translation>“{folder}”中没有备份。请保留整个文件夹的副本，不要在其中新建公司；请寻求帮助来恢复数据。</translation>
    </message>
    <message>
        <source>Your latest backup is from {when} ('{name}'): restore it with exporter-desk restore --data "{folder}" (the current file is kept beside it). Work done since that backup has to be entered again.</source>
        <translation>您最近的备份制作于 {when}（“{name}”）：请用 exporter-desk restore --data "{folder}" 恢复（当前文件会保留在旁边）。该备份之后所做的工作需要重新录入。</translation>
    </message>
    <message>
        <source>The folder '{folder}' is on a read-only disk or share, or you may not write to it, so Exporter Desk cannot {action}. Nothing was written. Choose a folder you can write to.</source>
        <translation>文件夹“{folder}”位于只读的磁盘或共享上，或者您无权写入，因此 Exporter Desk 无法{action}。未写入任何内容。请选择一个您可以写入的文件夹。</translation>
    </message>
    <message>
        <source>The data folder '{folder}' is read-only, so Exporter Desk opened it read-only: you can look at, print and export your data, but not {action}. Your data is intact. To change it, make the folder writable (check that the disk or network share is not read-only and that you may write to the folder), or copy the folder to a writable place and use that one.</source>
        <translation>数据文件夹“{folder}”是只读的，因此 Exporter Desk 以只读方式打开了它：您可以查看、打印和导出数据，但不能{action}。您的数据完好无损。如需修改，请让该文件夹可写（检查磁盘或网络共享是否为只读，以及您是否有该文件夹的写入权限），或将文件夹复制到可写的位置后使用副本。</translation>
    </message>
    <message>
        <source>The data folder '{folder}' is read-only, so Exporter Desk cannot {action}. Nothing was changed. Your data is intact. To change it, make the folder writable (check that the disk or network share is not read-only and that you may write to the folder), or copy the folder to a writable place and use that one.</source>
        <translation>数据文件夹“{folder}”是只读的，因此 Exporter Desk 无法{action}。未做任何更改。您的数据完好无损。如需修改，请让该文件夹可写（检查磁盘或网络共享是否为只读，以及您是否有该文件夹的写入权限），或将文件夹复制到可写的位置后使用副本。</translation>
    </message>
    <message>
        <source>This database was last used by a newer version of Exporter Desk (data version {found}; this version knows up to {supported}). Install the latest Exporter Desk to open it; the file was not changed.</source>
        <translation>此数据库上次由较新版本的 Exporter Desk 使用（数据版本 {found}；当前版本最高支持 {supported}）。请安装最新版 Exporter Desk 后再打开；该文件未被更改。</translation>
    </message>
    <message>
        <source>Exporter Desk could not upgrade the database (step {number}, {name}); nothing was changed. Please report this problem.</source>
        <translation>Exporter Desk 无法升级数据库（第 {number} 步，{name}）；未做任何更改。请报告此问题。</translation>
    </message>
    <message>
        <source>The setting '{key}' looks like a secret (password, key or token). Secrets are kept in the system keyring, not in the company database.</source>
        <translation>设置项“{key}”看起来是机密信息（密码、密钥或令牌）。机密信息保存在系统密钥环中，而不是公司数据库中。</translation>
    </message>
    <message>
        <source>The company logo is empty. Choose another logo in Settings.</source>
        <translation>公司标志文件是空的。请在“设置”中另选一个标志。</translation>
    </message>
    <message>
        <source>The company logo cannot be read as a PNG or JPEG image. Choose another logo in Settings.</source>
        <translation>公司标志无法作为 PNG 或 JPEG 图片读取。请在“设置”中另选一个标志。</translation>
    </message>
    <message>
        <source>Part of this document is too large to fit on one page (for example a very long item description or address). Shorten it and try again.</source>
        <translation>此单据中有内容太长，一页排不下（例如很长的品名描述或地址）。请缩短后重试。</translation>
    </message>
    <message>
        <source>The currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>The port (UN/LOCODE)</source>
        <translation>港口（UN/LOCODE）</translation>
    </message>
    <message>
        <source>The HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>The container number</source>
        <translation>集装箱号</translation>
    </message>
    <message>
        <source>The voyage number</source>
        <translation>航次号</translation>
    </message>
    <message>
        <source>The flight number</source>
        <translation>航班号</translation>
    </message>
    <message>
        <source>The transport document number</source>
        <translation>运输单据号</translation>
    </message>
    <message>
        <source>The IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>The account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>The SWIFT/BIC code</source>
        <translation>SWIFT/BIC 代码</translation>
    </message>
    <message>
        <source>seal number</source>
        <translation>封条号</translation>
    </message>
    <message>
        <source>voyage number</source>
        <translation>航次号</translation>
    </message>
    <message>
        <source>flight number</source>
        <translation>航班号</translation>
    </message>
    <message>
        <source>transport document number</source>
        <translation>运输单据号</translation>
    </message>
    <message>
        <source>use two letters such as CN, DE or VN, or the English name such as China</source>
        <translation>请使用两个字母（例如 CN、DE 或 VN）或英文国名（例如 China）</translation>
    </message>
    <message>
        <source>use three letters such as USD, EUR or CNY</source>
        <translation>请使用三个字母，例如 USD、EUR 或 CNY</translation>
    </message>
    <message>
        <source>use the country code and three letters, such as CNSHA</source>
        <translation>请使用国家代码加三个字母，例如 CNSHA</translation>
    </message>
    <message>
        <source>use 6, 8 or 10 digits, such as 8471.30</source>
        <translation>请使用 6、8 或 10 位数字，例如 8471.30</translation>
    </message>
    <message>
        <source>it is 4 letters and 7 digits, such as CSQU3054383</source>
        <translation>集装箱号由 4 个字母加 7 位数字组成，例如 CSQU3054383</translation>
    </message>
    <message>
        <source>use a size/type code such as 40HC or 22G1</source>
        <translation>请使用尺寸/箱型代码，例如 40HC 或 22G1</translation>
    </message>
    <message>
        <source>such as 4563 5870 1234 or an IBAN</source>
        <translation>例如 4563 5870 1234，或 IBAN</translation>
    </message>
    <message>
        <source>8 or 11 characters such as BKCHCNBJ300</source>
        <translation>8 或 11 个字符，例如 BKCHCNBJ300</translation>
    </message>
    <message>
        <source>No SWIFT field (a line such as ':20:LC123') was found; paste the MT700 text as the bank sent it.</source>
        <translation>未找到任何 SWIFT 字段（例如“:20:LC123”这样的行）；请按银行发来的原样粘贴 MT700 文本。</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>不允许此操作</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>That passphrase does not open the keys in this backup. Nothing was changed; try again with the passphrase given when the backup was made.</source>
        <translation>该口令无法打开此备份中的密钥。未做任何更改；请使用制作备份时设置的口令重试。</translation>
    </message>
    <message>
        <source>it has no manifest</source>
        <translation>缺少清单</translation>
    </message>
    <message>
        <source>it is not a zip file</source>
        <translation>不是 ZIP 文件</translation>
    </message>
    <message>
        <source>its manifest is unreadable</source>
        <translation>清单无法读取</translation>
    </message>
    <message>
        <source>its manifest is of another program</source>
        <translation>清单属于其他程序</translation>
    </message>
    <message>
        <source>it holds no database</source>
        <translation>其中没有数据库</translation>
    </message>
    <message>
        <source>file is not a database</source>
        <translation>文件不是数据库</translation>
    </message>
    <message>
        <source>the restored database fails its check</source>
        <translation>恢复的数据库未通过检查</translation>
    </message>
    <message>
        <source>the keys in it are unreadable</source>
        <translation>其中的密钥无法读取</translation>
    </message>
    <message>
        <source>logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>company seal</source>
        <translation>公司印章</translation>
    </message>
    <message>
        <source>a PNG or JPEG image of at most 2 MB and 4000 x 4000 pixels</source>
        <translation>不超过 2 MB、4000 × 4000 像素的 PNG 或 JPEG 图片</translation>
    </message>
    <message>
        <source>a PNG image (transparent background recommended) of at most 2 MB and 4000 x 4000 pixels</source>
        <translation>不超过 2 MB、4000 × 4000 像素的 PNG 图片（建议使用透明背景）</translation>
    </message>
    <message>
        <source>it is not a PNG image</source>
        <translation>它不是 PNG 图片</translation>
    </message>
    <message>
        <source>it is not a PNG or JPEG image</source>
        <translation>它不是 PNG 或 JPEG 图片</translation>
    </message>
    <message>
        <source>the image is damaged</source>
        <translation>图片已损坏</translation>
    </message>
    <message>
        <source>A beneficiary's certificate belongs to an L/C: set the payment to L/C.</source>
        <translation>受益人证明只用于信用证：请将付款方式设为信用证（L/C）。</translation>
    </message>
    <message>
        <source>A bill of exchange is drawn under L/C, D/P or D/A: change the payment.</source>
        <translation>汇票只在信用证（L/C）、付款交单（D/P）或承兑交单（D/A）下开立：请更改付款方式。</translation>
    </message>
    <message>
        <source>There is no company certificate yet, so there is nothing to watch for. Create or import one in Settings &gt; Keys and certificates.</source>
        <translation>还没有公司证书，因此没有需要监控的内容。请在“设置 &gt; 密钥和证书”中创建或导入证书。</translation>
    </message>
    <message>
        <source>A bank pack needs at least one document; tick the documents to present.</source>
        <translation>交单文件包至少需要一份单据；请勾选要提交的单据。</translation>
    </message>
    <message>
        <source>A bank pack is made for a deal: start it from the deal.</source>
        <translation>交单文件包是按交易生成的：请从交易开始。</translation>
    </message>
    <message>
        <source>This document names neither an invoice total nor a carrier and transport document number. Give the carrier and the transport document number.</source>
        <translation>此单据既没有发票总额，也没有承运人和运输单据号。请填写承运人和运输单据号。</translation>
    </message>
    <message>
        <source>The document does not carry its data (document.json) exactly once, so what identifies it cannot be read. Enter the carrier and transport document number instead.</source>
        <translation>此单据所附的数据（document.json）不是恰好一份，因此无法读取其识别信息。请改为输入承运人和运输单据号。</translation>
    </message>
    <message>
        <source>The document's data (document.json) cannot be read.</source>
        <translation>无法读取单据所附的数据（document.json）。</translation>
    </message>
    <message>
        <source>The document's data (document.json) is damaged.</source>
        <translation>单据所附的数据（document.json）已损坏。</translation>
    </message>
    <message>
        <source>Presentments are recorded on a shared trust network; the local network holds only your own company's documents. Join your banks' network in Settings &gt; Networks.</source>
        <translation>交单登记在共享的信任网络上；本地网络只保存贵公司自己的单据。请在“设置 &gt; 网络”中加入您的银行所在的网络。</translation>
    </message>
    <message>
        <source>seller registration id</source>
        <translation>卖方注册号</translation>
    </message>
    <message>
        <source>invoice number</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>carrier</source>
        <translation>承运人</translation>
    </message>
    <message>
        <source>NOT REGISTERED</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>UNTRUSTED ISSUER</source>
        <translation>签发方不受信任</translation>
    </message>
    <message>
        <source>UNSIGNED</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>UNREADABLE</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>INCOMPLETE</source>
        <translation>检查未完成</translation>
    </message>
    <message>
        <source>TAMPERED</source>
        <translation>已被篡改</translation>
    </message>
    <message>
        <source>Your network is not set up yet: finish the setup assistant or issue a first document, then export the network file.</source>
        <translation>您的网络尚未设置：请先完成设置向导或签发第一份单据，然后再导出网络文件。</translation>
    </message>
    <message>
        <source>The verifier could not start its worker processes, so no file was checked. Try again; if it keeps failing, reinstall Exporter Desk.</source>
        <translation>验证程序无法启动其工作进程，因此没有检查任何文件。请重试；如果仍然失败，请重新安装 Exporter Desk。</translation>
    </message>
    <message>
        <source>create a database in it</source>
        <translation>在其中创建数据库</translation>
    </message>
    <message>
        <source>save anything in it</source>
        <translation>在其中保存任何内容</translation>
    </message>
    <message>
        <source>restore a backup into it</source>
        <translation>将备份恢复到其中</translation>
    </message>
    <message>
        <source>change it</source>
        <translation>修改数据</translation>
    </message>
    <message>
        <source>save changes</source>
        <translation>保存更改</translation>
    </message>
    <message>
        <source>open its database for changes</source>
        <translation>以可修改的方式打开其数据库</translation>
    </message>
    <message>
        <source>upgrade its database to this version of Exporter Desk</source>
        <translation>将其数据库升级到此版本的 Exporter Desk</translation>
    </message>
    <message>
        <source>The trust-network data attached to this document could not be checked. Treat the document as not registered until the problem is resolved.</source>
        <translation>无法核验此单据所附的信任网络数据。在问题解决之前，请将该单据视为未登记。</translation>
    </message>
    <message>
        <source>The proof that this record is part of the trust network's log does not check out. The receipt may have been altered, or it belongs to a different record or log.</source>
        <translation>证明此记录属于信任网络日志的证据未通过核验。回执可能已被篡改，或属于另一条记录或另一个日志。</translation>
    </message>
    <message>
        <source>A signature from the trust network is missing, invalid or made with a key you do not trust. The data may have been altered, or it comes from a network you have not imported.</source>
        <translation>信任网络的签名缺失、无效，或由您不信任的密钥签署。数据可能已被篡改，或来自您尚未导入的网络。</translation>
    </message>
    <message>
        <source>The trust network's statement of its log (the checkpoint) is damaged or does not come from the expected log.</source>
        <translation>信任网络对其日志的声明（检查点）已损坏，或并非来自预期的日志。</translation>
    </message>
    <message>
        <source>The registration record of this document is damaged or was not signed by its issuer. Do not rely on the registration.</source>
        <translation>此单据的登记记录已损坏，或并非由其签发方签署。请勿依赖该登记。</translation>
    </message>
    <message>
        <source>The registration receipt of this document is damaged, comes from another network, or is not vouched for by enough independent witnesses. The registration cannot be confirmed.</source>
        <translation>此单据的登记回执已损坏、来自其他网络，或没有足够多的独立见证方为其担保。无法确认该登记。</translation>
    </message>
    <message>
        <source>The trust-network settings (the network descriptor or its trust policy) are invalid. Import the descriptor again from the network operator.</source>
        <translation>信任网络设置（网络描述文件或其信任策略）无效。请从网络运营方重新导入描述文件。</translation>
    </message>
    <message>
        <source>The trust policy of this network is invalid. Import the network descriptor again from its operator.</source>
        <translation>此网络的信任策略无效。请从其运营方重新导入网络描述文件。</translation>
    </message>
    <message>
        <source>The registration receipt is damaged: it is not a valid transparency-log proof. The registration cannot be confirmed.</source>
        <translation>登记回执已损坏：它不是有效的透明日志证明。无法确认该登记。</translation>
    </message>
    <message>
        <source>The trust network cannot be reached right now. The document waits in the outbox and is registered automatically when the network is back.</source>
        <translation>暂时无法连接信任网络。单据会留在待发队列中，网络恢复后将自动登记。</translation>
    </message>
    <message>
        <source>The trust network's published log files are damaged or inconsistent, so the log could not be checked from them.</source>
        <translation>信任网络发布的日志文件已损坏或前后不一致，因此无法据此核验日志。</translation>
    </message>
    <message>
        <source>The trust network's published log files cannot be reached right now; the check can be repeated later.</source>
        <translation>暂时无法访问信任网络发布的日志文件；可稍后再核验。</translation>
    </message>
    <message>
        <source>This checkpoint comes from a different transparency log than the one pinned for this trust network.</source>
        <translation>此检查点来自另一个透明日志，而不是为该信任网络固定的日志。</translation>
    </message>
    <message>
        <source>The trust network answered with a receipt for another document; the registration was not accepted. Contact the network operator.</source>
        <translation>信任网络返回的是另一份单据的回执；登记未被接受。请联系网络运营方。</translation>
    </message>
    <message>
        <source>This registration record has a format this version of Exporter Desk does not know. Update Exporter Desk to check it.</source>
        <translation>当前版本的 Exporter Desk 无法识别此登记记录的格式。请更新 Exporter Desk 后再核验。</translation>
    </message>
    <message>
        <source>The registration record was not signed by this document's issuer, or it was altered after signing.</source>
        <translation>此登记记录并非由该单据的签发方签署，或在签署后被改动过。</translation>
    </message>
    <message>
        <source>Not enough of the trust network's witnesses vouch for its latest checkpoint; the monitor tries again later.</source>
        <translation>为信任网络最新检查点担保的见证方不足；监控程序稍后会重试。</translation>
    </message>
    <message>
        <source>A trust-network key is damaged: its check digits do not match the key. Import it again from the network operator.</source>
        <translation>某个信任网络密钥已损坏：其校验位与密钥不符。请从网络运营方重新导入。</translation>
    </message>
    <message>
        <source>A signature by a trusted trust-network key does not match the signed data: the data was altered after it was signed.</source>
        <translation>受信任的信任网络密钥所做的签名与被签署的数据不符：数据在签名后被改动过。</translation>
    </message>
    <message>
        <source>This network descriptor has a format this version of Exporter Desk does not know. Update Exporter Desk, or ask the operator for a compatible descriptor.</source>
        <translation>当前版本的 Exporter Desk 无法识别此网络描述文件的格式。请更新 Exporter Desk，或向运营方索取兼容的描述文件。</translation>
    </message>
    <message>
        <source>The registration receipt comes from a different trust network than the one pinned in your settings.</source>
        <translation>此登记回执来自另一个信任网络，而不是您在设置中固定的网络。</translation>
    </message>
    <message>
        <source>The registration receipt is not signed by the trust network's log.</source>
        <translation>此登记回执并非由信任网络的日志签署。</translation>
    </message>
    <message>
        <source>Not enough of the trust network's independent witnesses vouch for this registration receipt, so it cannot be confirmed.</source>
        <translation>为此登记回执担保的信任网络独立见证方不足，因此无法确认。</translation>
    </message>
    <message>
        <source>Invoice {number} is issued by {seller}, but the credit's beneficiary is {beneficiary}.</source>
        <translation>发票 {number} 的出具方是 {seller}，但信用证的受益人是 {beneficiary}。</translation>
    </message>
    <message>
        <source>Invoice {number} is made out to {buyer}, but the credit's applicant is {applicant}.</source>
        <translation>发票 {number} 的抬头是 {buyer}，但信用证的申请人是 {applicant}。</translation>
    </message>
    <message>
        <source>Invoice {number} is in {currency}; the credit is in {credit_currency}.</source>
        <translation>发票 {number} 以 {currency} 开立；信用证币种为 {credit_currency}。</translation>
    </message>
    <message>
        <source>The invoices total {total}, more than the credit allows ({limit}, {amount} plus {plus}%).</source>
        <translation>发票合计 {total}，超过信用证允许的金额（{limit}，即 {amount} 加 {plus}%）。</translation>
    </message>
    <message>
        <source>Invoice {number} line {line} describes '{description}', which the credit's goods (45A) do not name.</source>
        <translation>发票 {number} 第 {line} 行的货物为“{description}”，信用证的货物描述（45A）中没有列出。</translation>
    </message>
    <message>
        <source>Invoice {number} is {incoterm}; the credit says {credit_incoterm}.</source>
        <translation>发票 {number} 的贸易术语为 {incoterm}；信用证规定为 {credit_incoterm}。</translation>
    </message>
    <message>
        <source>The port of loading is {actual}; the credit's port of loading (44E) is {wanted}.</source>
        <translation>装货港为 {actual}；信用证规定的装货港（44E）为 {wanted}。</translation>
    </message>
    <message>
        <source>The port of discharge is {actual}; the credit's port of discharge (44F) is {wanted}.</source>
        <translation>卸货港为 {actual}；信用证规定的卸货港（44F）为 {wanted}。</translation>
    </message>
    <message>
        <source>The goods were shipped on board on {shipped}, after the latest shipment date {latest}.</source>
        <translation>货物于 {shipped} 装船，晚于最迟装运日 {latest}。</translation>
    </message>
    <message>
        <source>Presentation on {date} is after the credit expired on {expiry}.</source>
        <translation>交单日 {date} 晚于信用证到期日 {expiry}。</translation>
    </message>
    <message>
        <source>Presentation on {date} is more than {days} days after shipment on {shipped}.</source>
        <translation>交单日 {date} 距装运日 {shipped} 已超过 {days} 天。</translation>
    </message>
    <message>
        <source>The goods travel on {count} transport documents ({numbers}); the credit does not allow partial shipments.</source>
        <translation>货物分 {count} 份运输单据装运（{numbers}）；信用证不允许分批装运。</translation>
    </message>
    <message>
        <source>The documents name {count} vessels ({vessels}); the credit does not allow transhipment.</source>
        <translation>单据中出现 {count} 艘船（{vessels}）；信用证不允许转运。</translation>
    </message>
    <message>
        <source>The credit is {term}, but no insurance document is attached.</source>
        <translation>信用证的贸易术语为 {term}，但没有附上保险单据。</translation>
    </message>
    <message>
        <source>The insurance is in {currency}; the credit is in {credit_currency}.</source>
        <translation>保险单据的币种为 {currency}；信用证币种为 {credit_currency}。</translation>
    </message>
    <message>
        <source>The insurance covers {amount} {currency}; at least {needed} (110% of {value}) is required.</source>
        <translation>保险金额为 {amount} {currency}；至少应为 {needed}（{value} 的 110%）。</translation>
    </message>
    <message>
        <source>The insurance is dated {date}, after shipment on {shipped}.</source>
        <translation>保险单据日期为 {date}，晚于装运日 {shipped}。</translation>
    </message>
    <message>
        <source>The credit requires {document}: {missing}.</source>
        <translation>信用证要求提交{document}：{missing}。</translation>
    </message>
    <message>
        <source>no {kind} attached</source>
        <translation>未附{kind}</translation>
    </message>
    <message>
        <source>{have} original(s) of the {required} required</source>
        <translation>正本只有 {have} 份，要求 {required} 份</translation>
    </message>
    <message>
        <source>The purchase is in {purchase}, the sale in {sale}.</source>
        <translation>采购以 {purchase} 计价，销售以 {sale} 计价。</translation>
    </message>
    <message>
        <source>The sale ({sold}) is below the purchase ({bought}): a loss of {loss}.</source>
        <translation>销售额（{sold}）低于采购额（{bought}）：亏损 {loss}。</translation>
    </message>
    <message>
        <source>The margin is {rate}% of the sale; the company's other deals have a median of {median}%.</source>
        <translation>毛利为销售额的 {rate}%；公司其他交易的毛利率中位数为 {median}%。</translation>
    </message>
    <message>
        <source>Transport document {number} is also used by deal {deal}.</source>
        <translation>运输单据 {number} 也用于交易 {deal}。</translation>
    </message>
    <message>
        <source>Invoice {invoice} bills {quantity} of {description}; packing list {packing} packs {packed}.</source>
        <translation>发票 {invoice} 中 {description} 的数量为 {quantity}；装箱单 {packing} 中为 {packed}。</translation>
    </message>
    <message>
        <source>Packing list {packing} describes {sku} as '{packed}'; invoice {invoice} as '{invoiced}'.</source>
        <translation>装箱单 {packing} 将 {sku} 描述为“{packed}”；发票 {invoice} 描述为“{invoiced}”。</translation>
    </message>
    <message>
        <source>The {document} {number} states a net weight of {stated} kg; the packing list {packing} totals {expected} kg.</source>
        <translation>{document} {number} 注明的净重为 {stated} kg；装箱单 {packing} 合计为 {expected} kg。</translation>
    </message>
    <message>
        <source>The {document} {number} states a gross weight of {stated} kg; the packing list {packing} totals {expected} kg.</source>
        <translation>{document} {number} 注明的毛重为 {stated} kg；装箱单 {packing} 合计为 {expected} kg。</translation>
    </message>
    <message>
        <source>The {document} {number} states {count} packages; the packing list {packing} has {packed}.</source>
        <translation>{document} {number} 注明 {count} 件；装箱单 {packing} 为 {packed} 件。</translation>
    </message>
    <message>
        <source>The marks on invoice {invoice} differ from those on packing list {packing}.</source>
        <translation>发票 {invoice} 上的唛头与装箱单 {packing} 上的不一致。</translation>
    </message>
    <message>
        <source>The {document} {number} lists containers {theirs}; the shipment has {ours}.</source>
        <translation>{document} {number} 列出的集装箱为 {theirs}；本批货运记录的为 {ours}。</translation>
    </message>
    <message>
        <source>Container {number} carries seal {seal} on the {document} but {ours} on the shipment.</source>
        <translation>集装箱 {number} 在{document}上的封条号为 {seal}，而货运记录中为 {ours}。</translation>
    </message>
    <message>
        <source>The {document} states {field} {theirs}; shipment {shipment} has {ours}.</source>
        <translation>{document}上的{field}为 {theirs}；货运 {shipment} 中为 {ours}。</translation>
    </message>
    <message>
        <source>The supplier's invoice {number} is in {currency}; the purchase contract is in {contract_currency}.</source>
        <translation>供应商发票 {number} 以 {currency} 开立；采购合同币种为 {contract_currency}。</translation>
    </message>
    <message>
        <source>The supplier's invoice {number} is for {amount}; the purchase contract totals {total}.</source>
        <translation>供应商发票 {number} 金额为 {amount}；采购合同总额为 {total}。</translation>
    </message>
    <message>
        <source>supplier's invoice</source>
        <translation>供应商发票</translation>
    </message>
    <message>
        <source>bill of lading</source>
        <translation>提单</translation>
    </message>
    <message>
        <source>air waybill</source>
        <translation>空运单</translation>
    </message>
    <message>
        <source>cmr consignment note</source>
        <translation>CMR 公路运单</translation>
    </message>
    <message>
        <source>rail consignment note</source>
        <translation>铁路运单</translation>
    </message>
    <message>
        <source>insurance certificate</source>
        <translation>保险凭证</translation>
    </message>
    <message>
        <source>inspection certificate</source>
        <translation>检验证书</translation>
    </message>
    <message>
        <source>other document</source>
        <translation>其他单据</translation>
    </message>
    <message>
        <source>commercial invoice</source>
        <translation>商业发票</translation>
    </message>
    <message>
        <source>transport document</source>
        <translation>运输单据</translation>
    </message>
    <message>
        <source>insurance</source>
        <translation>保险单据</translation>
    </message>
    <message>
        <source>certificate of origin</source>
        <translation>原产地证书</translation>
    </message>
    <message>
        <source>beneficiary certificate</source>
        <translation>受益人证明</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>汇票</translation>
    </message>
    <message>
        <source>no commercial invoice</source>
        <translation>没有商业发票</translation>
    </message>
    <message>
        <source>no packing list</source>
        <translation>没有装箱单</translation>
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
        <source>port of loading</source>
        <translation>装货港</translation>
    </message>
    <message>
        <source>port of discharge</source>
        <translation>卸货港</translation>
    </message>
    <message>
        <source>on board date</source>
        <translation>装船日期</translation>
    </message>
</context>
<context>
    <name>MonitorBanner</name>
    <message>
        <source>A document was registered in your company's name that this installation did not issue: your signing key may have been copied. Ask the network operator to revoke your certificate now, then re-enrol with a new key (Settings &gt; Networks).</source>
        <translation>有单据以贵公司的名义登记，但并非由本机签发：您的签名密钥可能已被复制。请立即请网络运营方吊销您的证书，然后使用新密钥重新加入（设置 &gt; 网络）。</translation>
    </message>
    <message>
        <source>Someone enrolled a certificate under your company's registration id. If it was not you, ask the network operator to revoke it now.</source>
        <translation>有人以贵公司的注册号登记了一张证书。如果不是贵公司所为，请立即请网络运营方将其吊销。</translation>
    </message>
    <message>
        <source>Your company's certificate has been revoked: documents signed with it no longer verify as trusted. If you did not ask for this, contact the network operator; to issue again, re-enrol with a new key (Settings &gt; Networks).</source>
        <translation>贵公司的证书已被吊销：用它签署的单据将不再验证为可信。如果这不是贵公司申请的，请联系网络运营方；如需继续签发单据，请使用新密钥重新加入（设置 &gt; 网络）。</translation>
    </message>
    <message>
        <source>The trust network showed this computer a history that contradicts what it showed before (a split view): it may be showing different records to different people. Report it to the network operator and keep this alert as evidence.</source>
        <translation>信任网络向这台电脑展示的记录与之前展示的相互矛盾（分裂视图）：它可能在向不同的人展示不同的记录。请向网络运营方报告，并保留此警报作为证据。</translation>
    </message>
    <message>
        <source>The trust-network monitor raised an alert.</source>
        <translation>信任网络监控发出了警报。</translation>
    </message>
    <message>
        <source>I have read this</source>
        <translation>我已阅读</translation>
    </message>
    <message>
        <source>Trust network alert</source>
        <translation>信任网络警报</translation>
    </message>
    <message>
        <source>Trust network alerts: {count}</source>
        <translation>信任网络警报：{count} 条</translation>
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
    <name>PresentmentBox</name>
    <message>
        <source>Already presented to {bank} on {date}.</source>
        <translation>已于 {date} 向{bank}交单。</translation>
    </message>
    <message>
        <source>Already presented to another bank on {date}.</source>
        <translation>已于 {date} 向另一家银行交单。</translation>
    </message>
    <message>
        <source>Presented {count} times in all.</source>
        <translation>共交单 {count} 次。</translation>
    </message>
    <message>
        <source>Your bank recorded its presentment on {date}.</source>
        <translation>贵行已于 {date} 登记交单。</translation>
    </message>
    <message>
        <source>Not presented to another bank before.</source>
        <translation>此前未向其他银行交单。</translation>
    </message>
    <message>
        <source>The amount financed must be a positive number.</source>
        <translation>融资金额必须是正数。</translation>
    </message>
    <message>
        <source>The currency must be a code such as USD or EUR.</source>
        <translation>货币必须是代码，例如 USD 或 EUR。</translation>
    </message>
    <message>
        <source>Recording the presentment...</source>
        <translation>正在登记交单...</translation>
    </message>
    <message>
        <source>Your presentment was already recorded on {date} (log entry {index}).</source>
        <translation>贵行的交单已于 {date} 登记（日志条目 {index}）。</translation>
    </message>
    <message>
        <source>Presentment recorded on {date} (log entry {index}).</source>
        <translation>交单已于 {date} 登记（日志条目 {index}）。</translation>
    </message>
    <message>
        <source>The presentment could not be checked or recorded.</source>
        <translation>无法查询或登记交单。</translation>
    </message>
    <message>
        <source>Presentment (for banks)</source>
        <translation>交单登记（供银行使用）</translation>
    </message>
    <message>
        <source>Amount financed:</source>
        <translation>融资金额：</translation>
    </message>
    <message>
        <source>optional, seen only by your bank</source>
        <translation>可选，仅贵行可见</translation>
    </message>
    <message>
        <source>Let other banks that present this document see our name</source>
        <translation>允许交单此单据的其他银行看到本行名称</translation>
    </message>
    <message>
        <source>Record presentment</source>
        <translation>登记交单</translation>
    </message>
    <message>
        <source>Presented {count} times: if you did not present it to each of these banks, tell them now.</source>
        <translation>已交单 {count} 次：如果您并未向这些银行逐一交单，请立即通知它们。</translation>
    </message>
    <message>
        <source>Presented to {bank} on {date}.</source>
        <translation>已于 {date} 向{bank}交单。</translation>
    </message>
    <message>
        <source>Presented to a bank on {date}.</source>
        <translation>已于 {date} 向一家银行交单。</translation>
    </message>
    <message>
        <source>Banks recorded presentments of {count} of your documents.</source>
        <translation>银行已登记贵公司 {count} 份单据的交单。</translation>
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
        <source>No trust network is pinned yet: documents can be verified for integrity, but no issuer is trusted until you import a network descriptor.</source>
        <translation>尚未设置信任网络：可以验证单据的完整性，但在导入网络描述文件之前，不信任任何签发方。</translation>
    </message>
    <message>
        <source>log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>witness</source>
        <translation>见证方</translation>
    </message>
    <message>
        <source>member CA</source>
        <translation>成员 CA</translation>
    </message>
    <message>
        <source>Network: {origin}</source>
        <translation>网络：{origin}</translation>
    </message>
    <message>
        <source>Fingerprint: {fingerprint}</source>
        <translation>指纹：{fingerprint}</translation>
    </message>
    <message>
        <source>Address: {url}</source>
        <translation>地址：{url}</translation>
    </message>
    <message>
        <source>Import a network descriptor</source>
        <translation>导入网络描述文件</translation>
    </message>
    <message>
        <source>Network descriptors and trust roots (*.json)</source>
        <translation>网络描述文件和信任根 (*.json)</translation>
    </message>
    <message>
        <source>Fetching the network's trust root from {url}...</source>
        <translation>正在从 {url} 获取网络信任根...</translation>
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
        <source>Trusted networks:</source>
        <translation>受信任的网络：</translation>
    </message>
    <message>
        <source>No network is pinned from a trust root, so there is nothing to refresh. Networks imported from a descriptor file change only when you import a new one.</source>
        <translation>没有通过信任根固定的网络，无需刷新。从描述文件导入的网络只有在您导入新文件时才会改变。</translation>
    </message>
    <message>
        <source>{origin}: not refreshed. {reason}</source>
        <translation>{origin}：未刷新。{reason}</translation>
    </message>
    <message>
        <source>{origin}: updated.</source>
        <translation>{origin}：已更新。</translation>
    </message>
    <message>
        <source>{origin}: up to date.</source>
        <translation>{origin}：已是最新。</translation>
    </message>
    <message>
        <source>Trust networks refreshed</source>
        <translation>信任网络已刷新</translation>
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
        <source>Refresh networks</source>
        <translation>刷新网络</translation>
    </message>
    <message>
        <source>Fetch the networks pinned from a trust root again, to learn their new keys and witnesses</source>
        <translation>重新获取通过信任根固定的网络，以获知其新的密钥和见证方</translation>
    </message>
    <message>
        <source>Share our network...</source>
        <translation>分享本公司网络...</translation>
    </message>
    <message>
        <source>Save the network file that lets counterparties verify your documents, with the fingerprint to read to them over the phone</source>
        <translation>保存让对方验证您单据的网络文件，并附上可在电话中读给对方的指纹</translation>
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
    <message>
        <source>an earlier version</source>
        <translation>早期版本</translation>
    </message>
    <message>
        <source>{origin}: from its trust root at {url}, since {day}, refreshed {when}</source>
        <translation>{origin}：来自 {url} 的信任根，自 {day} 起，最近刷新于 {when}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>{origin}: joined by invitation, since {day}</source>
        <translation>{origin}：通过邀请加入，自 {day} 起</translation>
    </message>
    <message>
        <source>{origin}: this computer's own network, since {day}</source>
        <translation>{origin}：本机自有网络，自 {day} 起</translation>
    </message>
    <message>
        <source>{origin}: from the file {name}, since {day}</source>
        <translation>{origin}：来自文件 {name}，自 {day} 起</translation>
    </message>
    <message>
        <source>{origin}: pinned by an earlier version</source>
        <translation>{origin}：由早期版本固定</translation>
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
        <source>Saving the company...</source>
        <translation>正在保存公司信息...</translation>
    </message>
    <message>
        <source>Creating the company's key...</source>
        <translation>正在创建公司密钥...</translation>
    </message>
    <message>
        <source>Importing the certificate and key...</source>
        <translation>正在导入证书和密钥...</translation>
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
        <source>The local network runs on this computer only: it proves what your company itself recorded, and when. Counterparties can check your documents once you give them its network file (Settings &gt; Share our network), but nobody else witnesses it. Joining a shared network, run by an operator with independent witnesses, is what lets banks and customers verify your documents independently.</source>
        <translation>本地网络只在这台电脑上运行：它证明的是贵公司自己记录的内容及时间。将其网络文件交给对方后（设置 &gt; 分享本公司网络），对方即可核对您的单据，但没有其他方见证。加入由运营方运行、有独立见证方的共享网络，才能让银行和客户独立验证您的单据。</translation>
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
        <source>Setting up the local network...</source>
        <translation>正在设置本地网络...</translation>
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
    <name>ShareNetworkDialog</name>
    <message>
        <source>Share our network</source>
        <translation>分享本公司网络</translation>
    </message>
    <message>
        <source>Your documents are registered with the built-in local network on this computer. A counterparty, bank or customs broker who imports this file can check your documents offline. It proves only what your company itself recorded; joining a shared network lets others verify independently.</source>
        <translation>您的单据登记在这台电脑的内置本地网络中。导入此文件的对方、银行或报关行可以离线核对您的单据。它只证明贵公司自己记录的内容；加入共享网络才能让他人独立验证。</translation>
    </message>
    <message>
        <source>Your documents are registered with {origin}. A counterparty who imports this file can check your documents offline.</source>
        <translation>您的单据登记在 {origin}。导入此文件的对方可以离线核对您的单据。</translation>
    </message>
    <message>
        <source>Send the file by e-mail or chat, then read this fingerprint to the receiver over the phone (or let them scan the code): Exporter Desk shows it when they import the file, and it must match.</source>
        <translation>通过电子邮件或聊天发送文件，然后在电话中把此指纹读给接收方（或让对方扫码）：对方导入文件时 Exporter Desk 会显示指纹，两者必须一致。</translation>
    </message>
    <message>
        <source>Save network file...</source>
        <translation>保存网络文件...</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Save network file</source>
        <translation>保存网络文件</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
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
        <source>Forwarder (shipping instruction)</source>
        <translation>货运代理（托运单）</translation>
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
        <source>type part of the name</source>
        <translation>输入部分名称</translation>
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
    <name>SupersedeDialog</name>
    <message>
        <source>Supersede {number}?</source>
        <translation>取代 {number}？</translation>
    </message>
    <message>
        <source>{kind} {number} was issued on {when}, and its data has changed since.</source>
        <translation>{kind} {number} 已于 {when} 出具，此后数据有变化。</translation>
    </message>
    <message>
        <source>Issuing it again registers a new document that supersedes the earlier one. The earlier PDF stays in the register marked superseded; anyone who verifies it online is told it was replaced and to ask for the new one. This cannot be undone.</source>
        <translation>重新出具会登记一份取代之前单据的新单据。之前的 PDF 保留在登记簿中并标记为已取代；在线验证它的人会被告知它已被替换，应索取新单据。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Supersede</source>
        <translation>取代</translation>
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
        <source>Hide the checks</source>
        <translation>隐藏检查项</translation>
    </message>
    <message>
        <source>Import a network file...</source>
        <translation>导入网络文件...</translation>
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
        <source>What failed:</source>
        <translation>未通过的检查：</translation>
    </message>
    <message>
        <source>The file was changed, so what it claims below (issuer, registration) no longer means anything.</source>
        <translation>文件已被修改，因此下面声称的内容（出具方、登记）不再有任何意义。</translation>
    </message>
    <message>
        <source>Next step: nothing you trust vouches for this issuer yet. Ask the issuer for their network file (in Exporter Desk: Settings &gt; Share our network) and check its fingerprint with them by phone; then import it here, and the document is checked again.</source>
        <translation>下一步：您信任的网络中还没有为此出具方作保的。请向出具方索取其网络文件（在 Exporter Desk 中：设置 &gt; 分享本公司网络），并通过电话与对方核对指纹；然后在此导入，单据会重新检查。</translation>
    </message>
    <message>
        <source>vouched for by {who}</source>
        <translation>由 {who} 担保</translation>
    </message>
    <message>
        <source>unverified: a name only claimed, nothing you trust vouches for it</source>
        <translation>未经验证：仅为自称的名称，没有任何您信任的机构为其担保</translation>
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
        <source>Not meaningful: the file was changed after signing.</source>
        <translation>没有意义：文件在签署后被修改。</translation>
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
        <source>Verify every PDF in a folder</source>
        <translation>验证文件夹中的所有 PDF 文件</translation>
    </message>
    <message>
        <source>it holds no PDF files</source>
        <translation>其中没有 PDF 文件</translation>
    </message>
    <message>
        <source>Nothing to check in {folder}: {reason}.</source>
        <translation>{folder} 中没有可检查的文件：{reason}。</translation>
    </message>
    <message>
        <source>Checked {done} of {total} files...</source>
        <translation>已检查 {done} / {total} 个文件...</translation>
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
        <source>Verify a folder...</source>
        <translation>验证文件夹...</translation>
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
    <message>
        <source>trust network {origin}</source>
        <translation>信任网络 {origin}</translation>
    </message>
</context>
</TS>