<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../app/ui/approval.py" line="39"/>
        <source>店长授权</source>
        <translation>Manager approval</translation>
    </message>
    <message>
        <location filename="../../app/ui/approval.py" line="44"/>
        <source>需要店长授权：%1</source>
        <translation>Manager approval needed: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/approval.py" line="52"/>
        <location filename="../../app/ui/approval.py" line="67"/>
        <source>授权人</source>
        <translation>Approver</translation>
    </message>
    <message>
        <location filename="../../app/ui/approval.py" line="59"/>
        <source>授权密码</source>
        <translation>Approver PIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/approval.py" line="68"/>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/approval.py" line="69"/>
        <location filename="../../app/ui/approval.py" line="70"/>
        <source>授权</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../app/ui/approval.py" line="73"/>
        <location filename="../../app/ui/approval.py" line="74"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/approval.py" line="93"/>
        <source>请输入授权人和密码</source>
        <translation>Enter the approver and PIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="91"/>
        <source>作废订单</source>
        <translation>Void an order</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="92"/>
        <source>退货退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="93"/>
        <source>修改售价</source>
        <translation>Change a price</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="94"/>
        <source>超出权限的折扣</source>
        <translation>A discount above your limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="97"/>
        <source>无销售开钱箱</source>
        <translation>Open the drawer without a sale</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="98"/>
        <source>钱箱存取现金</source>
        <translation>Put cash in or take it out</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="99"/>
        <source>修改设备设置</source>
        <translation>Change device settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="100"/>
        <source>会员卡操作</source>
        <translation>Member card operation</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="101"/>
        <source>查看或导出会员完整资料</source>
        <translation>See or export full member details</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="104"/>
        <source>修改会员规则</source>
        <translation>Change member rules</translation>
    </message>
    <message>
        <source>员工管理</source>
        <translation>Manage staff</translation>
    </message>
    <message>
        <source>商品管理</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>导入会员</source>
        <translation>Import members</translation>
    </message>
    <message>
        <source>库存管理</source>
        <translation>Stock management</translation>
    </message>
    <message>
        <source>查看经营报表</source>
        <translation>View the sales reports</translation>
    </message>
    <message>
        <source>促销管理</source>
        <translation>Promotions</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore a backup</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <location filename="../../app/ui/cart_model.py" line="31"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="32"/>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="33"/>
        <source>单价</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="34"/>
        <source>折扣</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="35"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/cart_model.py" line="133"/>
        <source>（改价）</source>
        <translation> (price changed)</translation>
    </message>
</context>
<context>
    <name>CashMoveDialog</name>
    <message>
        <source>存入现金</source>
        <translation>Cash in</translation>
    </message>
    <message>
        <source>取出现金</source>
        <translation>Cash out</translation>
    </message>
    <message>
        <source>放入钱箱的现金，例如补充备用金</source>
        <translation>Cash put into the drawer, such as a float top-up</translation>
    </message>
    <message>
        <source>从钱箱取出的现金，例如零用支出</source>
        <translation>Cash taken out of the drawer, such as petty cash</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>原因（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>存入 %1：%2</source>
        <translation>Cash in %1: %2</translation>
    </message>
    <message>
        <source>取出 %1：%2</source>
        <translation>Cash out %1: %2</translation>
    </message>
</context>
<context>
    <name>CountCardSaleDialog</name>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="515"/>
        <source>售次卡</source>
        <translation>Sell count card</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="522"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="531"/>
        <location filename="../../app/ui/member_dialogs.py" line="558"/>
        <source>次卡套餐</source>
        <translation>Count card package</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="534"/>
        <source>%1  %2 次  %3</source>
        <translation>%1  %2 uses  %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="542"/>
        <location filename="../../app/ui/member_dialogs.py" line="559"/>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="547"/>
        <location filename="../../app/ui/member_dialogs.py" line="560"/>
        <source>实收金额</source>
        <translation>Amount tendered</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="553"/>
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="555"/>
        <source>确认收款 (Enter)</source>
        <translation>Confirm (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="555"/>
        <source>确认售卡</source>
        <translation>Confirm sale</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="569"/>
        <source>还没有次卡套餐，请店长在会员管理中添加</source>
        <translation>No count card packages yet; ask the manager to add one in Members</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="594"/>
        <source>找零 %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="600"/>
        <source>请选择次卡套餐</source>
        <translation>Choose a count card package</translation>
    </message>
</context>
<context>
    <name>CounterApp</name>
    <message>
        <location filename="../../app/ui/application.py" line="180"/>
        <source>今日会员等级调整 %1 人</source>
        <translation>Member levels changed today: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="265"/>
        <location filename="../../app/ui/application.py" line="276"/>
        <source>收银台无法启动</source>
        <translation>The counter cannot start</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="266"/>
        <source>无法打开收银数据：%1</source>
        <translation>Cannot open the counter's data: %1</translation>
    </message>
    <message>
        <source>%1 %2：登录密码连续错误 %3 次，已锁定 %4 分钟</source>
        <translation>%1 %2: %3 wrong login PINs, locked for %4 minutes</translation>
    </message>
    <message>
        <source>%1 %2：授权密码连续错误 %3 次，授权已锁定 %4 分钟</source>
        <translation>%1 %2: %3 wrong approval PINs, approvals locked for %4 minutes</translation>
    </message>
    <message>
        <source>安全提醒：有人多次输错员工密码</source>
        <translation>Security notice: someone typed wrong staff PINs many times</translation>
    </message>
    <message>
        <source>备份警告</source>
        <translation>Backup warning</translation>
    </message>
    <message>
        <source>备份没有恢复：%1</source>
        <translation>The backup was not restored: %1</translation>
    </message>
    <message>
        <source>已从备份 %1 恢复。</source>
        <translation>Restored from the backup %1.</translation>
    </message>
    <message>
        <source>原数据库另存为 %1</source>
        <translation>The previous database was kept as %1</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
</context>
<context>
    <name>CounterDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="81"/>
        <source>错误信息</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CustomerScreen</name>
    <message>
        <location filename="../../app/ui/customer_display.py" line="39"/>
        <source>顾客显示屏</source>
        <extracomment>A customer reads it from a step away: large type.</extracomment>
        <translation>Customer screen</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="40"/>
        <location filename="../../app/ui/customer_display.py" line="45"/>
        <source>欢迎光临 %1</source>
        <translation>Welcome to %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="47"/>
        <source>欢迎语</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="51"/>
        <source>所购商品</source>
        <translation>Items bought</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="52"/>
        <source>商品</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="52"/>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="52"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="63"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="71"/>
        <source>找零与致谢</source>
        <translation>Change and thanks</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="105"/>
        <location filename="../../app/ui/customer_display.py" line="119"/>
        <source>合计 %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="115"/>
        <source>请付款 %1</source>
        <translation>Please pay %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/customer_display.py" line="122"/>
        <source>找零 %1
谢谢惠顾，欢迎再来</source>
        <translation>Change %1
Thank you, please come again</translation>
    </message>
    <message>
        <source>已省 %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>赠品：%1</source>
        <translation>Gift: %1</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="117"/>
        <source>设备设置</source>
        <extracomment>A sample the test slip and the display test show: Chinese, a full-width ￥ amount.</extracomment>
        <translation>Device settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="123"/>
        <source>设置分类</source>
        <translation>Setting pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="124"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="125"/>
        <source>读卡器与扫码</source>
        <translation>Card reader and scanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="126"/>
        <source>顾客显示</source>
        <translation>Customer display</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="127"/>
        <location filename="../../app/ui/settings_dialog.py" line="128"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="132"/>
        <location filename="../../app/ui/settings_dialog.py" line="133"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="152"/>
        <location filename="../../app/ui/settings_dialog.py" line="204"/>
        <source>打印机地址</source>
        <translation>Printer address</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="156"/>
        <source>打印机地址由环境变量 POS_PRINTER_URI 指定</source>
        <translation>The printer address is set by the POS_PRINTER_URI environment variable</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="160"/>
        <location filename="../../app/ui/settings_dialog.py" line="205"/>
        <source>纸宽</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="162"/>
        <source>58 mm（32 列）</source>
        <translation>58 mm (32 columns)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="163"/>
        <source>80 mm（48 列）</source>
        <translation>80 mm (48 columns)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="170"/>
        <location filename="../../app/ui/settings_dialog.py" line="206"/>
        <source>中文编码</source>
        <translation>Chinese encoding</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="172"/>
        <source>GB18030（推荐）</source>
        <translation>GB18030 (recommended)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="173"/>
        <source>GBK（老式打印机）</source>
        <translation>GBK (older printers)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="180"/>
        <location filename="../../app/ui/settings_dialog.py" line="207"/>
        <source>打印方式</source>
        <translation>Print as</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="182"/>
        <source>文字（打印机自带中文字库）</source>
        <translation>Text (the printer's own Chinese font)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="183"/>
        <source>图像（打印机没有中文字库时用）</source>
        <translation>Image (for printers without a Chinese font)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="188"/>
        <location filename="../../app/ui/settings_dialog.py" line="208"/>
        <source>小票抬头</source>
        <translation>Receipt header</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="192"/>
        <location filename="../../app/ui/settings_dialog.py" line="209"/>
        <source>小票结尾</source>
        <translation>Receipt footer</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="195"/>
        <location filename="../../app/ui/settings_dialog.py" line="196"/>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="201"/>
        <source>测试打印结果</source>
        <translation>Test print result</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="219"/>
        <location filename="../../app/ui/settings_dialog.py" line="291"/>
        <source>读卡器类型</source>
        <translation>Card reader type</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="221"/>
        <source>USB 键盘式（刷卡即输入）</source>
        <translation>USB keyboard type (a swipe types)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="222"/>
        <source>串口读卡器</source>
        <translation>Serial card reader</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="223"/>
        <source>不使用读卡器</source>
        <translation>No card reader</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="227"/>
        <location filename="../../app/ui/settings_dialog.py" line="292"/>
        <source>读卡器串口</source>
        <translation>Card reader port</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="231"/>
        <location filename="../../app/ui/settings_dialog.py" line="293"/>
        <source>波特率</source>
        <translation>Baud rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="236"/>
        <location filename="../../app/ui/settings_dialog.py" line="294"/>
        <source>数据格式</source>
        <translation>Data framing</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="238"/>
        <source>以回车结束（CR）</source>
        <translation>Ends with CR</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="239"/>
        <source>以回车换行结束（CR LF）</source>
        <translation>Ends with CR LF</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="240"/>
        <source>STX 开始、ETX 结束</source>
        <translation>STX to ETX</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="245"/>
        <source>ETX 后带校验字节</source>
        <translation>Check byte after ETX</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="247"/>
        <location filename="../../app/ui/settings_dialog.py" line="296"/>
        <source>前缀</source>
        <translation>Prefix</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="248"/>
        <location filename="../../app/ui/settings_dialog.py" line="297"/>
        <source>后缀</source>
        <translation>Suffix</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="252"/>
        <location filename="../../app/ui/settings_dialog.py" line="298"/>
        <source>卡号最短位数</source>
        <translation>Card number: fewest characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="260"/>
        <location filename="../../app/ui/settings_dialog.py" line="299"/>
        <source>卡号最长位数</source>
        <translation>Card number: most characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="266"/>
        <source>卡号可含字母</source>
        <translation>Card numbers may contain letters</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="271"/>
        <location filename="../../app/ui/settings_dialog.py" line="301"/>
        <source>扫码按键间隔上限（毫秒）</source>
        <translation>Scanner: longest gap between keys (ms)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="278"/>
        <location filename="../../app/ui/settings_dialog.py" line="302"/>
        <source>扫码最少字符数</source>
        <translation>Scanner: fewest characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="282"/>
        <location filename="../../app/ui/settings_dialog.py" line="303"/>
        <source>刷卡测试</source>
        <translation>Swipe test</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="283"/>
        <source>点这里后刷卡，结果显示在下方</source>
        <translation>Click here, then swipe; the result shows below</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="286"/>
        <source>等待刷卡…</source>
        <translation>Waiting for a swipe…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="288"/>
        <source>刷卡测试结果</source>
        <translation>Swipe test result</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="310"/>
        <location filename="../../app/ui/settings_dialog.py" line="356"/>
        <source>客显串口</source>
        <translation>Pole display port</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="311"/>
        <source>留空表示没有客显，如 COM4</source>
        <translation>Empty for no pole display, e.g. COM4</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="314"/>
        <location filename="../../app/ui/settings_dialog.py" line="357"/>
        <source>客显波特率</source>
        <translation>Pole display baud rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="319"/>
        <location filename="../../app/ui/settings_dialog.py" line="358"/>
        <source>每行字数（列）</source>
        <translation>Columns per line</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="327"/>
        <location filename="../../app/ui/settings_dialog.py" line="359"/>
        <source>客显编码</source>
        <translation>Pole display encoding</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="334"/>
        <location filename="../../app/ui/settings_dialog.py" line="360"/>
        <source>客显指令集</source>
        <translation>Pole display commands</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="336"/>
        <source>ESC/POS（爱普生兼容）</source>
        <translation>ESC/POS (Epson compatible)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="337"/>
        <source>CD5220（常见国产客显）</source>
        <translation>CD5220 (common Chinese displays)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="341"/>
        <location filename="../../app/ui/settings_dialog.py" line="342"/>
        <source>测试客显</source>
        <translation>Test pole display</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="347"/>
        <source>客显测试结果</source>
        <translation>Pole display test result</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="350"/>
        <source>打开顾客副屏窗口</source>
        <translation>Open the customer screen window</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="353"/>
        <location filename="../../app/ui/settings_dialog.py" line="363"/>
        <source>副屏编号（0 为主屏）</source>
        <translation>Customer screen number (0 = main screen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="445"/>
        <source>设置未能保存：%1</source>
        <translation>The settings were not saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="447"/>
        <source>设备设置已保存，并已立即生效。</source>
        <translation>Device settings saved and in effect now.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="449"/>
        <source>打印机地址由环境变量 POS_PRINTER_URI 指定，未修改。</source>
        <translation> The printer address comes from the POS_PRINTER_URI environment variable and was not changed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="462"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="469"/>
        <source>打印失败：%1</source>
        <translation>Printing failed: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="471"/>
        <source>测试小票已打印，请检查中文和金额是否清楚</source>
        <translation>Test slip printed; check that the Chinese and the amounts are clear</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="492"/>
        <source>请先填写客显串口</source>
        <translation>Enter the pole display port first</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="494"/>
        <source>客显测试</source>
        <translation>Display test</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="499"/>
        <source>正在发送…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="511"/>
        <source>已发送，请看客显是否显示“客显测试”</source>
        <translation>Sent; check that the pole display shows the test text</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="528"/>
        <source>读卡成功：%1（%2 位）</source>
        <translation>Card read: %1 (%2 characters)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="534"/>
        <source>读卡失败：%1</source>
        <translation>Card not read: %1</translation>
    </message>
    <message>
        <source>测试小票已发送，打印机未确认：%1</source>
        <translation>Test slip sent, not confirmed by the printer: %1</translation>
    </message>
    <message>
        <source>总部同步</source>
        <translation>Head office</translation>
    </message>
    <message>
        <source>本机单独运行，不与总部同步。</source>
        <translation>This counter works alone and does not sync with a head office. </translation>
    </message>
    <message>
        <source>要连接总部：把总部 add-store 给出的 [headoffice] 粘贴到 config.toml</source>
        <translation>To connect it: paste the [headoffice] table the head office's add-store printed into config.toml</translation>
    </message>
    <message>
        <source>总部地址</source>
        <translation>Head office address</translation>
    </message>
    <message>
        <source>门店编码</source>
        <translation>Store code</translation>
    </message>
    <message>
        <source>设备编号</source>
        <translation>Device id</translation>
    </message>
    <message>
        <source>密钥</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>离线单笔储值消费上限</source>
        <translation>Offline limit per card payment</translation>
    </message>
    <message>
        <source>离线每位会员每日上限</source>
        <translation>Offline limit per member per day</translation>
    </message>
    <message>
        <source>离线可用的会员资料最长（小时）</source>
        <translation>Oldest member snapshot usable offline (hours)</translation>
    </message>
    <message>
        <source>门店</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>门店名称</source>
        <translation>Store name</translation>
    </message>
    <message>
        <source>营业日结束时间（点）</source>
        <translation>Business day ends at (hour)</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>每天的备份保存在本机数据目录的 backups 文件夹。</source>
        <translation>The daily backups are kept in the backups folder of this computer's data directory.</translation>
    </message>
    <message>
        <source>再选一个文件夹（U 盘或网络共享），每次备份后也复制一份过去：硬盘坏了，备份还在。</source>
        <translation> Choose a second folder (a USB stick or a network share) and every backup is copied there too: if the disk dies, the backups survive.</translation>
    </message>
    <message>
        <source>备份副本文件夹</source>
        <translation>Second backup folder</translation>
    </message>
    <message>
        <source>不复制（留空）</source>
        <translation>No copy (leave empty)</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>选择备份副本文件夹</source>
        <translation>Choose the second backup folder</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="250"/>
        <source>办理会员卡</source>
        <translation>New member card</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="255"/>
        <location filename="../../app/ui/member_dialogs.py" line="282"/>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="257"/>
        <source>刷新卡或输入卡号</source>
        <translation>Swipe the new card or type its number</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="260"/>
        <location filename="../../app/ui/member_dialogs.py" line="283"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="264"/>
        <location filename="../../app/ui/member_dialogs.py" line="284"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="267"/>
        <location filename="../../app/ui/member_dialogs.py" line="285"/>
        <source>卡类型</source>
        <translation>Card type</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="276"/>
        <source>完成 (Enter)</source>
        <translation>Done (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="276"/>
        <source>完成办卡</source>
        <translation>Finish enrolment</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>生日（选填）</source>
        <translation>Birthday (optional)</translation>
    </message>
</context>
<context>
    <name>Hardware</name>
    <message>
        <location filename="../../app/ui/hardware.py" line="226"/>
        <source>读卡器状态</source>
        <extracomment>How often the printer's paper sensor is asked while the screen is idle.</extracomment>
        <translation>Card reader status</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="229"/>
        <source>顾客显示屏状态</source>
        <translation>Customer display status</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="236"/>
        <source>设备(&amp;H)</source>
        <translation>&amp;Hardware</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="239"/>
        <source>打印任务</source>
        <translation>Print jobs</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="240"/>
        <source>设备设置（需店长授权）</source>
        <translation>Device settings (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="254"/>
        <source>已读取会员卡尾号 %1</source>
        <translation>Member card ending %1 read</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="257"/>
        <source>刷卡未成功：%1</source>
        <translation>Swipe not read: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="272"/>
        <source>请先关闭当前对话框，再刷会员卡</source>
        <translation>Close the open dialog first, then swipe the member card</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="293"/>
        <source>读卡器：已连接</source>
        <translation>Card reader: connected</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="296"/>
        <source>读卡器：未连接</source>
        <translation>Card reader: not connected</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="311"/>
        <location filename="../../app/ui/hardware.py" line="323"/>
        <source>打印机：正常</source>
        <translation>Printer: OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="324"/>
        <source>打印机：纸将用完</source>
        <translation>Printer: paper low</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="325"/>
        <source>打印机：缺纸</source>
        <translation>Printer: out of paper</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="326"/>
        <source>打印机：未连接</source>
        <translation>Printer: not connected</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="315"/>
        <location filename="../../app/ui/hardware.py" line="332"/>
        <source>打印机：未知</source>
        <translation>Printer: status unknown</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="365"/>
        <source>已自动补打 %1 张小票</source>
        <translation>Printed %1 waiting receipt(s) by itself</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="385"/>
        <source>顾客显示屏：未连接</source>
        <translation>Customer display: not connected</translation>
    </message>
    <message>
        <source>打印机：未设置</source>
        <translation>Printer: not set up</translation>
    </message>
    <message>
        <source>没有设置打印机，小票没有打印出来：请在 设备 → 设备设置 中设置</source>
        <translation>No printer is set up, so the receipt was not printed: set one up in Devices → Device settings</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="164"/>
        <source>扫码 / 按名称或拼音首字母查找</source>
        <extracomment>(key, what it does); shown by F1 and kept next to the code that binds the keys.</extracomment>
        <translation>Scan / search by name or pinyin initials</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="165"/>
        <source>帮助（本页）</source>
        <translation>Help (this page)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="166"/>
        <source>识别会员（刷卡 / 卡号 / 手机号）</source>
        <translation>Find a member (swipe / card no. / phone)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="167"/>
        <source>会员充值</source>
        <translation>Member top-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="168"/>
        <source>挂单</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="169"/>
        <source>取单</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="170"/>
        <source>修改数量</source>
        <translation>Change quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="171"/>
        <source>单品折扣</source>
        <translation>Line discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="172"/>
        <source>整单折扣</source>
        <translation>Order discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="173"/>
        <source>退货 / 作废</source>
        <translation>Refund / void</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="174"/>
        <source>重印上一张小票</source>
        <translation>Reprint last receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="175"/>
        <source>结账</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="176"/>
        <source>删除选中的商品行</source>
        <translation>Remove the selected line</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="177"/>
        <source>选择商品行</source>
        <translation>Select a line</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="178"/>
        <source>清空输入 / 返回</source>
        <translation>Clear input / back</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="184"/>
        <source>快捷键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="188"/>
        <source>快捷键列表</source>
        <translation>Key list</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="189"/>
        <source>按键</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="189"/>
        <source>功能</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="197"/>
        <location filename="../../app/ui/dialogs.py" line="198"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>结账时：%1</source>
        <translation>When paying: %1</translation>
    </message>
</context>
<context>
    <name>IssueCouponsDialog</name>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="626"/>
        <source>发放优惠券</source>
        <translation>Issue coupons</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="630"/>
        <source>发给 %1 位会员：%2</source>
        <translation>To %1 members: %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="638"/>
        <source>优惠券模板</source>
        <translation>Coupon templates</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="644"/>
        <location filename="../../app/ui/member_dialogs.py" line="653"/>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="646"/>
        <source>确认发券 (Enter)</source>
        <translation>Issue (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="648"/>
        <source>确认发券</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="652"/>
        <source>优惠券</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="661"/>
        <source>还没有优惠券模板，请先在“礼品与优惠券”中新增</source>
        <translation>No coupon templates yet; add one under "Gifts and coupons" first</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="672"/>
        <source>自发券日起 %1 天</source>
        <translation>%1 days from issue</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="674"/>
        <source>至 %1</source>
        <translation>Until %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="682"/>
        <source>请选择优惠券模板</source>
        <translation>Choose a coupon template</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../app/ui/login.py" line="43"/>
        <source>收银台登录 - %1</source>
        <translation>Counter login - %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="53"/>
        <source>收银员登录</source>
        <translation>Cashier login</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="58"/>
        <location filename="../../app/ui/login.py" line="90"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="63"/>
        <location filename="../../app/ui/login.py" line="91"/>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="71"/>
        <source>4-12 位数字</source>
        <translation>4-12 digits</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="78"/>
        <source>登录错误</source>
        <translation>Login error</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="82"/>
        <location filename="../../app/ui/login.py" line="83"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="121"/>
        <source>请选择员工</source>
        <translation>Choose a staff member</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="125"/>
        <source>请输入密码</source>
        <translation>Enter your PIN</translation>
    </message>
</context>
<context>
    <name>MemberCardOperations</name>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="80"/>
        <source>挂失</source>
        <translation>Report loss</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="81"/>
        <location filename="../../app/ui/member_card_operations.py" line="124"/>
        <source>解挂</source>
        <translation>Cancel loss</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="82"/>
        <location filename="../../app/ui/member_card_operations.py" line="137"/>
        <location filename="../../app/ui/member_card_operations.py" line="144"/>
        <source>换卡</source>
        <translation>Replace card</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="83"/>
        <location filename="../../app/ui/member_card_operations.py" line="154"/>
        <location filename="../../app/ui/member_card_operations.py" line="161"/>
        <source>冻结</source>
        <translation>Freeze</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="84"/>
        <location filename="../../app/ui/member_card_operations.py" line="168"/>
        <source>解冻</source>
        <translation>Unfreeze</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="85"/>
        <location filename="../../app/ui/member_card_operations.py" line="192"/>
        <location filename="../../app/ui/member_card_operations.py" line="200"/>
        <source>清零</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="86"/>
        <location filename="../../app/ui/member_card_operations.py" line="222"/>
        <location filename="../../app/ui/member_card_operations.py" line="230"/>
        <source>调整积分</source>
        <translation>Adjust points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="87"/>
        <source>设置 / 重置密码</source>
        <translation>Set / reset password</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="88"/>
        <location filename="../../app/ui/member_card_operations.py" line="270"/>
        <location filename="../../app/ui/member_card_operations.py" line="283"/>
        <source>退本金</source>
        <translation>Refund principal</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="89"/>
        <location filename="../../app/ui/member_card_operations.py" line="302"/>
        <location filename="../../app/ui/member_card_operations.py" line="310"/>
        <source>调整等级</source>
        <translation>Change level</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="116"/>
        <source>已挂失</source>
        <translation>Reported lost</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="126"/>
        <source>已解挂</source>
        <translation>Loss cancelled</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="141"/>
        <source>已换卡</source>
        <translation>Card replaced</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="144"/>
        <source>刷新卡或输入新卡号</source>
        <translation>Swipe the new card or type the new number</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="158"/>
        <source>已冻结</source>
        <translation>Frozen</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="161"/>
        <source>冻结原因</source>
        <translation>Reason for freezing</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="170"/>
        <source>已解冻</source>
        <translation>Unfrozen</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="179"/>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="180"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="181"/>
        <source>到店次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="182"/>
        <source>累计消费</source>
        <translation>Total spend</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="189"/>
        <source>请写明清零项目：余额、积分、到店次数或累计消费</source>
        <translation>Say what to reset: 余额 (balance), 积分 (points), 到店次数 (visits) or 累计消费 (spend)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="196"/>
        <source>已清零</source>
        <translation>Reset done</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="201"/>
        <source>清零项目和原因，如“积分 年终清零”（余额、积分、到店次数、累计消费）</source>
        <translation>What to reset and why, e.g. "积分 year end" (余额 balance, 积分 points, 到店次数 visits, 累计消费 spend)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="219"/>
        <source>请输入整数积分，如“+100 活动赠送”</source>
        <translation>Enter whole points, e.g. "+100 promotion"</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="226"/>
        <source>积分已调整</source>
        <translation>Points adjusted</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="230"/>
        <source>积分和原因，如“+100 活动赠送”</source>
        <translation>Points and reason, e.g. "+100 promotion"</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="243"/>
        <source>密码已设置</source>
        <translation>Password set</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="247"/>
        <source>重置会员密码</source>
        <translation>Reset member password</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="251"/>
        <source>密码已重置</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="254"/>
        <source>会员密码</source>
        <translation>Member password</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="254"/>
        <source>新密码（4–12 位数字）</source>
        <translation>New password (4–12 digits)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="279"/>
        <source>已退本金</source>
        <translation>Principal refunded</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="284"/>
        <source>金额和原因，如“100 顾客退卡”，或“全部 退卡”</source>
        <translation>Amount and reason, e.g. "100 card returned", or "全部 (all) card returned"</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="299"/>
        <source>没有该卡类型：%1</source>
        <translation>No such card type: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="306"/>
        <source>等级已调整</source>
        <translation>Level changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="311"/>
        <source>新的卡类型：%1</source>
        <translation>New card type: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="322"/>
        <location filename="../../app/ui/member_card_operations.py" line="337"/>
        <source>请先选择一张次卡</source>
        <translation>Choose a count card first</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="330"/>
        <source>已核销一次</source>
        <translation>One use taken</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="340"/>
        <source>退次卡</source>
        <translation>Refund count card</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_card_operations.py" line="348"/>
        <source>次卡已退</source>
        <translation>Count card refunded</translation>
    </message>
    <message>
        <source>等级已调整，会员费已收</source>
        <translation>Level changed, membership fee taken</translation>
    </message>
    <message>
        <source>%1 改为%2，收会员费 %3</source>
        <translation>%1 changes to %2: membership fee %3</translation>
    </message>
</context>
<context>
    <name>MemberDesk</name>
    <message>
        <location filename="../../app/ui/member_panel.py" line="256"/>
        <location filename="../../app/ui/member_panel.py" line="259"/>
        <source>会员消费后余额</source>
        <translation>Member's balance after the sale</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="261"/>
        <source>存入会员卡</source>
        <translation>Put on card</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="262"/>
        <source>找零存入会员卡</source>
        <translation>Put the change on the member card</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="282"/>
        <location filename="../../app/ui/member_panel.py" line="284"/>
        <location filename="../../app/ui/member_panel.py" line="290"/>
        <location filename="../../app/ui/member_panel.py" line="291"/>
        <location filename="../../app/ui/member_panel.py" line="324"/>
        <source>会员提醒</source>
        <extracomment>The member sale the box speaks of: (result, member) while it is shown.</extracomment>
        <translation>Member reminders</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="314"/>
        <source>会员(&amp;M)</source>
        <translation>&amp;Members</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="317"/>
        <source>识别会员	F2</source>
        <translation>Find member	F2</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="318"/>
        <source>会员充值	F3</source>
        <translation>Top up	F3</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="319"/>
        <source>办卡</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="320"/>
        <source>积分兑换</source>
        <translation>Redeem points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="321"/>
        <source>售次卡</source>
        <translation>Sell count card</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="322"/>
        <source>使用优惠券</source>
        <translation>Use coupon</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="323"/>
        <source>会员管理</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="367"/>
        <source>会员：%1（%2）</source>
        <translation>Member: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="400"/>
        <source>请先按 F2 或刷卡识别会员</source>
        <translation>Press F2 or swipe a card for the member first</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="414"/>
        <location filename="../../app/ui/member_panel.py" line="563"/>
        <source>尚未开班，请重新登录并开班</source>
        <translation>No shift is open; log in again and open one</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="422"/>
        <source>充值 %1，赠送 %2，余额 %3</source>
        <translation>Topped up %1, bonus %2, balance %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="442"/>
        <source>办卡成功：%1（%2）</source>
        <translation>Enrolled: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="461"/>
        <source>已兑换 %1 ×%2，用去 %3 积分，剩余 %4</source>
        <translation>Redeemed %1 ×%2 for %3 points, %4 left</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="493"/>
        <source>该会员没有可用的优惠券；纸质券可直接扫描券码</source>
        <translation>This member has no coupons to use; scan the code of a paper coupon</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="535"/>
        <source>优惠券不能使用：%1</source>
        <translation>Coupon cannot be used: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="543"/>
        <source>已使用优惠券“%1”，优惠 %2</source>
        <translation>Coupon "%1" used, %2 off</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="554"/>
        <source>已取消优惠券</source>
        <translation>Coupon removed</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="571"/>
        <source>已售次卡：%1（%2 次），收款 %3，找零 %4，单号 %5</source>
        <translation>Count card sold: %1 (%2 uses), received %3, change %4, receipt %5</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="602"/>
        <source>%1：本单积分 +%2，积分 %3，余额 %4（本金 %5 + 赠送 %6）</source>
        <translation>%1: +%2 points this sale, %3 points, balance %4 (paid %5 + bonus %6)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="612"/>
        <source>
已存零 %1，实找 %2</source>
        <translation>
%1 of the change put on the card, %2 handed back</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="638"/>
        <source>存零金额不能超过本单找零 %1</source>
        <translation>The amount put on the card cannot exceed the change of %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="653"/>
        <source>已存入会员卡 %1，实找 %2，卡内余额 %3</source>
        <translation>%1 put on the member card, %2 handed back, card balance %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="663"/>
        <source>存零</source>
        <translation>Change to card</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="664"/>
        <source>本单找零 %1，存入 %2 的会员卡的金额</source>
        <translation>Change is %1; amount to put on the card of %2</translation>
    </message>
</context>
<context>
    <name>MemberDialogs</name>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="97"/>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="99"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MemberLedgers</name>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="58"/>
        <location filename="../../app/ui/member_ledgers.py" line="68"/>
        <source>储值流水</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="60"/>
        <location filename="../../app/ui/member_ledgers.py" line="73"/>
        <location filename="../../app/ui/member_ledgers.py" line="83"/>
        <location filename="../../app/ui/member_ledgers.py" line="109"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="61"/>
        <location filename="../../app/ui/member_ledgers.py" line="73"/>
        <location filename="../../app/ui/member_ledgers.py" line="83"/>
        <location filename="../../app/ui/member_ledgers.py" line="109"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="62"/>
        <source>本金</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="63"/>
        <source>赠送</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="64"/>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="65"/>
        <location filename="../../app/ui/member_ledgers.py" line="73"/>
        <location filename="../../app/ui/member_ledgers.py" line="109"/>
        <source>说明</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="72"/>
        <location filename="../../app/ui/member_ledgers.py" line="75"/>
        <source>积分流水</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="73"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="73"/>
        <source>结余</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="77"/>
        <location filename="../../app/ui/member_ledgers.py" line="102"/>
        <source>次卡</source>
        <translation>Count cards</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="82"/>
        <location filename="../../app/ui/member_ledgers.py" line="85"/>
        <source>消费记录</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="83"/>
        <source>单号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="83"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="83"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="89"/>
        <source>会员历史</source>
        <translation>Member history</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="90"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="90"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="90"/>
        <source>详情</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="92"/>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="103"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="103"/>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="103"/>
        <source>剩余 / 总次数</source>
        <translation>Left / total uses</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="103"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="108"/>
        <source>次卡流水</source>
        <translation>Count card entries</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="109"/>
        <source>次数</source>
        <translation>Uses</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="109"/>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="113"/>
        <source>核销一次</source>
        <translation>Use once</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="114"/>
        <source>退次卡（需店长授权）</source>
        <translation>Refund count card (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="114"/>
        <source>退次卡</source>
        <translation>Refund count card</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_ledgers.py" line="194"/>
        <source>长期</source>
        <translation>No expiry</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <location filename="../../app/ui/member_panel.py" line="58"/>
        <source>会员信息</source>
        <extracomment>Below this screen height the reminders start folded away (a status-bar button opens them). Two buttons a row leave room for the English labels; the column scrolls on small screens. Digits of a coupon code (``coupons.CODE_DIGITS``): a scan of that length that is no product is tried as a coupon of the attached member.</extracomment>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="60"/>
        <source>散客（按 F2 或刷卡识别会员）</source>
        <translation>Walk-in (F2 or swipe a card for a member)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="63"/>
        <source>会员姓名</source>
        <translation>Member name</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="65"/>
        <location filename="../../app/ui/member_panel.py" line="67"/>
        <source>今天生日</source>
        <translation>Birthday today</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="69"/>
        <source>会员等级</source>
        <translation>Member level</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="70"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="71"/>
        <location filename="../../app/ui/member_panel.py" line="92"/>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="72"/>
        <source>本金和赠送</source>
        <translation>Principal and bonus</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="74"/>
        <location filename="../../app/ui/member_panel.py" line="94"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="75"/>
        <location filename="../../app/ui/member_panel.py" line="95"/>
        <source>次卡</source>
        <translation>Count cards</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="76"/>
        <location filename="../../app/ui/member_panel.py" line="96"/>
        <source>优惠券</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="78"/>
        <source>可用优惠券</source>
        <translation>Coupons to use</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="90"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="91"/>
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="114"/>
        <source>会员 F2</source>
        <translation>Member F2</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="115"/>
        <source>充值 F3</source>
        <translation>Top up F3</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="116"/>
        <source>办卡</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="117"/>
        <source>积分兑换</source>
        <translation>Redeem points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="118"/>
        <source>售次卡</source>
        <translation>Sell count card</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="119"/>
        <source>使用优惠券</source>
        <translation>Use coupon</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="120"/>
        <source>取消优惠券</source>
        <translation>Remove coupon</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="121"/>
        <source>取消会员</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="173"/>
        <source>本金 %1 + 赠送 %2</source>
        <translation>Principal %1 + bonus %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="84"/>
        <source>待总部确认的积分</source>
        <translation>Points the head office has not posted yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="112"/>
        <source>待确认</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="226"/>
        <source>+%1（待总部确认）</source>
        <translation>+%1 (awaiting the head office)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="186"/>
        <source>%1 张（剩 %2 次）</source>
        <translation>%1 (%2 uses left)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="190"/>
        <source>%1 张</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="202"/>
        <source>%1（%2）至 %3</source>
        <translation>%1 (%2) until %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_panel.py" line="208"/>
        <source>✓ 本单使用  %1</source>
        <translation>✓ Used on this sale  %1</translation>
    </message>
    <message>
        <source>挂账欠款</source>
        <translation>Owed on account</translation>
    </message>
    <message>
        <source>欠款</source>
        <translation>Owes</translation>
    </message>
    <message>
        <source>（自 %1）</source>
        <translation> (since %1)</translation>
    </message>
</context>
<context>
    <name>MemberProfileTab</name>
    <message>
        <location filename="../../app/ui/member_profile.py" line="52"/>
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="53"/>
        <source>显示完整号码（需店长授权）</source>
        <translation>Show full number (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="54"/>
        <source>显示完整号码</source>
        <translation>Show full number</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="62"/>
        <location filename="../../app/ui/member_profile.py" line="90"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="64"/>
        <source>新手机号（不改请留空）</source>
        <translation>New phone (leave empty to keep)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="65"/>
        <source>不改请留空</source>
        <translation>Leave empty to keep</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="67"/>
        <location filename="../../app/ui/member_profile.py" line="92"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="68"/>
        <source>未填</source>
        <translation>Not given</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="69"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="70"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="72"/>
        <source>标签（逗号分隔）</source>
        <translation>Tags (comma separated)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="74"/>
        <location filename="../../app/ui/member_profile.py" line="94"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="75"/>
        <location filename="../../app/ui/member_profile.py" line="76"/>
        <source>保存资料</source>
        <translation>Save details</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="85"/>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="86"/>
        <source>等级 / 状态</source>
        <translation>Level / status</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="87"/>
        <source>余额 / 积分</source>
        <translation>Balance / points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="88"/>
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="89"/>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="91"/>
        <source>新手机号</source>
        <translation>New phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="93"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="109"/>
        <source>%1（本金 %2 + 赠送 %3），积分 %4</source>
        <translation>%1 (principal %2 + bonus %3), %4 points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="119"/>
        <source>农历 </source>
        <translation>Lunar </translation>
    </message>
    <message>
        <location filename="../../app/ui/member_profile.py" line="119"/>
        <source>公历 </source>
        <translation>Solar </translation>
    </message>
    <message>
        <source>纪念日</source>
        <translation>Anniversary</translation>
    </message>
    <message>
        <source>资料已保存</source>
        <translation>Details saved</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>标签（空格或逗号分隔）</source>
        <translation>Tags (separated by spaces or commas)</translation>
    </message>
    <message>
        <source>如：VIP 老客户（空格或逗号分隔）</source>
        <translation>e.g. VIP regular (separated by spaces or commas)</translation>
    </message>
    <message>
        <source>添加纪念日</source>
        <translation>Add anniversary</translation>
    </message>
    <message>
        <source>删除所选纪念日</source>
        <translation>Remove chosen anniversary</translation>
    </message>
    <message>
        <source>历法</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>闰月</source>
        <translation>Leap month</translation>
    </message>
    <message>
        <source>如：结婚纪念日</source>
        <translation>e.g. Wedding anniversary</translation>
    </message>
    <message>
        <source>如 2015-10-16，不知年份填 10-16</source>
        <translation>e.g. 2015-10-16, or 10-16 without the year</translation>
    </message>
    <message>
        <source>请先在纪念日列表中选择一项</source>
        <translation>Choose an anniversary in the list first</translation>
    </message>
    <message>
        <source>公历</source>
        <translation>Solar</translation>
    </message>
    <message>
        <source>农历</source>
        <translation>Lunar</translation>
    </message>
    <message>
        <source>已删除纪念日“%1”</source>
        <translation>Anniversary “%1” removed</translation>
    </message>
    <message>
        <source>已添加纪念日“%1”</source>
        <translation>Anniversary “%1” added</translation>
    </message>
    <message>
        <source>自动标签</source>
        <translation>Automatic tags</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>MemberRulesPanel</name>
    <message>
        <location filename="../../app/ui/member_rules.py" line="51"/>
        <location filename="../../app/ui/member_rules.py" line="78"/>
        <source>卡类型</source>
        <extracomment>What saves a rule the manager typed as words, given the approving manager.</extracomment>
        <translation>Card type</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="53"/>
        <location filename="../../app/ui/member_rules.py" line="70"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="54"/>
        <source>折扣</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="55"/>
        <source>积分/元</source>
        <translation>Points/yuan</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="56"/>
        <source>需密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="57"/>
        <source>默认</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="61"/>
        <source>充值赠送规则</source>
        <translation>Top-up bonus rules</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="61"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="66"/>
        <location filename="../../app/ui/member_rules.py" line="92"/>
        <source>积分礼品</source>
        <translation>Gift catalogue</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="67"/>
        <source>礼品</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="67"/>
        <source>所需积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="67"/>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="70"/>
        <location filename="../../app/ui/member_rules.py" line="99"/>
        <source>优惠券模板</source>
        <translation>Coupon templates</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="70"/>
        <source>内容</source>
        <translation>Terms</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="81"/>
        <source>名称 等级序号 折扣 积分每元，如“钻石卡 3 8.5 2”</source>
        <translation>Name, rank, discount (折), points per yuan, e.g. "Diamond 3 8.5 2"</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="85"/>
        <source>充值赠送</source>
        <translation>Top-up bonus</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="88"/>
        <source>充多少 送多少，如“500 100”</source>
        <translation>Top-up and bonus, e.g. "500 100"</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="95"/>
        <source>礼品 积分 库存，如“雨伞 800 10”</source>
        <translation>Gift, points, stock, e.g. "Umbrella 800 10"</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="102"/>
        <source>名称 满多少 减多少 有效天数，如“满200减20 200 20 30”</source>
        <translation>Name, threshold, amount off, days valid, e.g. "20 off 200 200 20 30"</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="110"/>
        <source>新增（需店长授权）</source>
        <translation>Add (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="130"/>
        <source>不打折</source>
        <translation>No discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="132"/>
        <location filename="../../app/ui/member_rules.py" line="133"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="132"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="159"/>
        <source>请填写内容</source>
        <translation>Please fill this in</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_rules.py" line="179"/>
        <source>内容不完整</source>
        <translation>Something is missing</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="1004"/>
        <source>“%1”不是整数</source>
        <translation>"%1" is not a whole number</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="1013"/>
        <source>“%1”不是折扣，如 9.5 表示九五折</source>
        <translation>"%1" is not a discount; e.g. 9.5 means 95% of the price</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>积分抵现</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>长期</source>
        <translation>No expiry</translation>
    </message>
    <message>
        <source>至 %1</source>
        <translation>Until %1</translation>
    </message>
    <message>
        <source>积分与储值设置</source>
        <translation>Points and stored value settings</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>全部卡类型</source>
        <translation>All card types</translation>
    </message>
    <message>
        <source>请先在卡类型表中选择一行</source>
        <translation>Choose a row in the card types table first</translation>
    </message>
    <message>
        <source>请先在充值赠送表中选择一行</source>
        <translation>Choose a row in the top-up bonus table first</translation>
    </message>
    <message>
        <source>新增卡类型</source>
        <translation>Add card type</translation>
    </message>
    <message>
        <source>新增充值赠送</source>
        <translation>Add top-up bonus</translation>
    </message>
    <message>
        <source>储值密码</source>
        <translation>Stored-value password</translation>
    </message>
    <message>
        <source>升级</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <source>降级</source>
        <translation>Downgrade</translation>
    </message>
    <message>
        <source>会员费</source>
        <translation>Membership fee</translation>
    </message>
    <message>
        <source>升级礼包</source>
        <translation>Upgrade gift</translation>
    </message>
    <message>
        <source>积分与储值设置…</source>
        <translation>Points and stored value settings…</translation>
    </message>
    <message>
        <source>不积分</source>
        <translation>No points</translation>
    </message>
    <message>
        <source>不能抵现</source>
        <translation>Points cannot pay</translation>
    </message>
    <message>
        <source>需要</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>不需要</source>
        <translation>Not required</translation>
    </message>
    <message>
        <source>未达门槛降级</source>
        <translation>Downgraded below threshold</translation>
    </message>
    <message>
        <source>不降级</source>
        <translation>No downgrade</translation>
    </message>
    <message>
        <source>永久</source>
        <translation>Permanent</translation>
    </message>
    <message>
        <source>免费</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>付费办卡</source>
        <translation>Bought with a fee</translation>
    </message>
    <message>
        <source>不自动升级</source>
        <translation>No automatic upgrade</translation>
    </message>
    <message>
        <source>已停用的卡类型</source>
        <translation>A retired card type</translation>
    </message>
    <message>
        <source>修改所选</source>
        <translation>Edit selected</translation>
    </message>
    <message>
        <source>修改所选卡类型</source>
        <translation>Edit the selected card type</translation>
    </message>
    <message>
        <source>停用所选</source>
        <translation>Retire selected</translation>
    </message>
    <message>
        <source>停用所选卡类型</source>
        <translation>Retire the selected card type</translation>
    </message>
    <message>
        <source>停用所选充值赠送</source>
        <translation>Retire the selected top-up bonus</translation>
    </message>
    <message>
        <source>修改卡类型：%1</source>
        <translation>Edit card type: %1</translation>
    </message>
    <message>
        <source>停用卡类型：%1</source>
        <translation>Retire card type: %1</translation>
    </message>
    <message>
        <source>停用充值赠送：%1</source>
        <translation>Retire top-up bonus: %1</translation>
    </message>
    <message>
        <source>%1 折</source>
        <translation>pays %1/10</translation>
    </message>
    <message>
        <source>每元 %1 分</source>
        <translation>%1 points a yuan</translation>
    </message>
    <message>
        <source>%1 积分抵 1 元</source>
        <translation>%1 points pay 1 yuan</translation>
    </message>
    <message>
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>%1 积分</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <source>储值 %1</source>
        <translation>stored value %1</translation>
    </message>
    <message>
        <source>优惠券 %1</source>
        <translation>coupon %1</translation>
    </message>
    <message>
        <source>%1 起</source>
        <translation>from %1</translation>
    </message>
    <message>
        <source>充 %1 送 %2</source>
        <translation>Top up %1, get %2</translation>
    </message>
    <message>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>近 %1 天%2满 %3</source>
        <translation>%2 of %3 in the last %1 days</translation>
    </message>
    <message>
        <source>自动标签</source>
        <translation>Automatic tags</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>条件</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>会员数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>自动标签（每天营业日结时按条件重新贴上，手工标签不受影响）</source>
        <translation>Automatic tags (set again by the daily upkeep; tags typed by hand stay)</translation>
    </message>
    <message>
        <source>新增自动标签</source>
        <translation>New automatic tag</translation>
    </message>
    <message>
        <source>停用所选自动标签</source>
        <translation>Retire the chosen automatic tag</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>%1–%2 岁</source>
        <translation>aged %1–%2</translation>
    </message>
    <message>
        <source>多在 %1–%2 点消费</source>
        <translation>buys mostly %1:00–%2:00</translation>
    </message>
    <message>
        <source>客单价 %1–%2</source>
        <translation>average ticket %1–%2</translation>
    </message>
    <message>
        <source>消费 %1–%2 次</source>
        <translation>%1–%2 purchases</translation>
    </message>
    <message>
        <source>最近 %1 天</source>
        <translation>last %1 days: </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>请先在自动标签表中选择一行</source>
        <translation>Choose a row in the automatic tags table first</translation>
    </message>
    <message>
        <source>停用自动标签：%1</source>
        <translation>Retire automatic tag: %1</translation>
    </message>
</context>
<context>
    <name>MemberSearchDialog</name>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="119"/>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="122"/>
        <source>请刷会员卡，或输入卡号 / 手机号后按回车</source>
        <translation>Swipe the member card, or type the card number or phone and press Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="125"/>
        <source>会员卡号或手机号</source>
        <translation>Card number or phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="129"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="149"/>
        <source>请刷卡或输入卡号 / 手机号</source>
        <translation>Swipe a card or type a card number or phone</translation>
    </message>
    <message>
        <source>请刷会员卡，或输入卡号 / 手机号后按回车；按标签找会员请输入 #标签</source>
        <translation>Swipe the member card, or type the card number / phone and press Enter; to find members by tag type #tag</translation>
    </message>
    <message>
        <source>会员卡号、手机号或 #标签</source>
        <translation>Member card number, phone or #tag</translation>
    </message>
    <message>
        <source>卡号 / 手机号，或 #标签（如 #VIP）</source>
        <translation>Card no. / phone, or #tag (e.g. #VIP)</translation>
    </message>
    <message>
        <source>带此标签的会员</source>
        <translation>Members with this tag</translation>
    </message>
    <message>
        <source>没有会员带标签“%1”</source>
        <translation>No member has the tag “%1”</translation>
    </message>
</context>
<context>
    <name>MemberTenders</name>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="406"/>
        <source>储值</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="407"/>
        <source>储值付款</source>
        <translation>Pay with stored value</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="411"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="412"/>
        <source>积分抵现</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="418"/>
        <location filename="../../app/ui/member_dialogs.py" line="421"/>
        <source>会员密码</source>
        <translation>Member password</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="426"/>
        <source>会员余额与积分</source>
        <translation>Member balance and points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="430"/>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="445"/>
        <source>余额 %1（本金 %2，赠送 %3），积分 %4</source>
        <translation>Balance %1 (principal %2, bonus %3), %4 points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="457"/>
        <source>；抵 %1 需 %2 积分</source>
        <translation>; %1 takes %2 points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="470"/>
        <source>余额不足：卡内余额 %1</source>
        <translation>Not enough balance: the card holds %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="474"/>
        <source>该卡类型的积分不能抵现</source>
        <translation>Points of this card type cannot pay</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="483"/>
        <source>积分抵现  %1（%2 积分）</source>
        <translation>Points  %1 (%2 points)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="498"/>
        <source>请输入会员密码</source>
        <translation>Enter the member password</translation>
    </message>
</context>
<context>
    <name>MembersScreen</name>
    <message>
        <location filename="../../app/ui/members_screen.py" line="47"/>
        <source>会员管理</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="70"/>
        <source>按卡号、手机号或姓名查找</source>
        <translation>Find by card no., phone or name</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="71"/>
        <source>卡号 / 手机号 / 姓名</source>
        <translation>Card no. / phone / name</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="73"/>
        <location filename="../../app/ui/members_screen.py" line="74"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="86"/>
        <source>会员列表</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="88"/>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="89"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="90"/>
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="91"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="92"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="93"/>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="94"/>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="104"/>
        <source>会员资料</source>
        <translation>Member details</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="108"/>
        <source>资料</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="116"/>
        <source>会员规则</source>
        <translation>Member rules</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="119"/>
        <location filename="../../app/ui/members_screen.py" line="120"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="123"/>
        <source>导出会员（需店长授权）</source>
        <translation>Export members (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="124"/>
        <location filename="../../app/ui/members_screen.py" line="307"/>
        <source>导出会员</source>
        <translation>Export members</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="127"/>
        <source>发券（需店长授权）</source>
        <translation>Issue coupons (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="128"/>
        <source>给所选会员发券</source>
        <translation>Issue coupons to the chosen members</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="133"/>
        <source>操作结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="258"/>
        <source>请填写内容</source>
        <translation>Please fill this in</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="285"/>
        <source>资料已保存</source>
        <translation>Details saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="302"/>
        <source>查看完整手机号</source>
        <translation>See the full phone number</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="309"/>
        <source>CSV 文件 (*.csv);;Excel 文件 (*.xlsx)</source>
        <translation>CSV files (*.csv);;Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="321"/>
        <source>已导出 %1 位会员</source>
        <translation>Exported %1 members</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="323"/>
        <source>导出全部会员资料</source>
        <translation>Export all member details</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="329"/>
        <source>请先在列表中选择会员（可按住 Ctrl 或 Shift 多选）</source>
        <translation>Choose members in the list first (hold Ctrl or Shift for several)</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="347"/>
        <source>已发放“%1”%2 张</source>
        <translation>Issued %2 of “%1”</translation>
    </message>
    <message>
        <location filename="../../app/ui/members_screen.py" line="349"/>
        <source>发放优惠券“%1”给 %2 位会员</source>
        <translation>Issue coupon “%1” to %2 members</translation>
    </message>
    <message>
        <source>礼品与优惠券</source>
        <translation>Gifts and coupons</translation>
    </message>
    <message>
        <source>挂账欠款</source>
        <translation>Owed on account</translation>
    </message>
    <message>
        <source>挂账欠款：无</source>
        <translation>Owed on account: nothing</translation>
    </message>
    <message>
        <source>挂账欠款：%1（%2 笔，自 %3）</source>
        <translation>Owed on account: %1 (%2 sales, since %3)</translation>
    </message>
    <message>
        <source>按卡号、手机号、姓名或 #标签 查找</source>
        <translation>Find by card number, phone, name or #tag</translation>
    </message>
    <message>
        <source>卡号 / 手机号 / 姓名，或 #标签（如 #VIP）</source>
        <translation>Card no. / phone / name, or #tag (e.g. #VIP)</translation>
    </message>
    <message>
        <source>导入会员（需店长授权）</source>
        <translation>Import members (manager)</translation>
    </message>
    <message>
        <source>从文件导入会员</source>
        <translation>Import members from a file</translation>
    </message>
    <message>
        <source>导入会员</source>
        <translation>Import members</translation>
    </message>
    <message>
        <source>会员文件 (*.csv *.xlsx);;所有文件 (*)</source>
        <translation>Member files (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>对账单 (PDF)</source>
        <translation>Statement (PDF)</translation>
    </message>
    <message>
        <source>所选会员的对账单</source>
        <translation>The chosen member's statement</translation>
    </message>
    <message>
        <source>请先选择会员</source>
        <translation>Choose a member first</translation>
    </message>
    <message>
        <source>营销活动</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>会员筛选与名单（需店长授权）</source>
        <translation>Member filters and lists (manager)</translation>
    </message>
    <message>
        <source>会员筛选与名单</source>
        <translation>Member filters and lists</translation>
    </message>
</context>
<context>
    <name>ParkedCartsDialog</name>
    <message>
        <location filename="../../app/ui/parked.py" line="31"/>
        <location filename="../../app/ui/parked.py" line="62"/>
        <source>取单</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="36"/>
        <source>挂单列表</source>
        <translation>Parked carts</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="38"/>
        <source>备注</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="38"/>
        <source>收银员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="38"/>
        <source>行数</source>
        <translation>Lines</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="38"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="59"/>
        <source>没有挂单</source>
        <translation>No parked carts</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="61"/>
        <source>取单 (Enter)</source>
        <translation>Resume (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="66"/>
        <location filename="../../app/ui/parked.py" line="67"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../app/ui/payment.py" line="257"/>
        <source>储值和积分付款须先识别会员（F2）</source>
        <translation>Stored value and points need a member: close this and press F2 first</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="36"/>
        <source>结账</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="43"/>
        <source>应收</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="50"/>
        <location filename="../../app/ui/payment.py" line="114"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="77"/>
        <location filename="../../app/ui/payment.py" line="58"/>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="59"/>
        <source>现金付款</source>
        <translation>Pay cash</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="63"/>
        <source>电子支付方式</source>
        <translation>Electronic payment method</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="66"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="67"/>
        <source>添加电子支付</source>
        <translation>Add electronic payment</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="72"/>
        <source>支付参考号</source>
        <translation>Payment reference</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="73"/>
        <source>参考号（可不填）</source>
        <translation>Reference (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="81"/>
        <location filename="../../app/ui/payment.py" line="76"/>
        <location filename="../../app/ui/payment.py" line="77"/>
        <location filename="../../app/ui/payment.py" line="121"/>
        <source>挂账</source>
        <translation>On account</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="80"/>
        <location filename="../../app/ui/payment.py" line="81"/>
        <source>挂账客户姓名</source>
        <translation>On-account customer</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="85"/>
        <source>已添加的付款</source>
        <translation>Payments added</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="87"/>
        <location filename="../../app/ui/payment.py" line="88"/>
        <source>移除所选付款</source>
        <translation>Remove payment</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="93"/>
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="96"/>
        <source>确认收款 (Enter)</source>
        <translation>Confirm (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="97"/>
        <source>确认收款</source>
        <translation>Confirm payment</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="100"/>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="101"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="117"/>
        <source>电子支付</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="78"/>
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="79"/>
        <source>微信支付</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="80"/>
        <source>支付宝</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="82"/>
        <source>储值</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="83"/>
        <source>积分抵现</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="187"/>
        <source>挂账须填写客户姓名</source>
        <translation>On account needs the customer's name</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="194"/>
        <source>非现金付款不能超过应收，还需 %1</source>
        <translation>Non-cash payments cannot exceed the amount due; %1 still due</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="247"/>
        <source>找零 %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <source>挂账会员</source>
        <translation>On-account member</translation>
    </message>
    <message>
        <source>挂其他客户</source>
        <translation>Another customer</translation>
    </message>
    <message>
        <source>挂账到其他客户</source>
        <translation>On account to another customer</translation>
    </message>
    <message>
        <source>会员 %1（%2）</source>
        <translation>Member %1 (%2)</translation>
    </message>
    <message>
        <source>，已欠 %1</source>
        <translation>, owes %1</translation>
    </message>
</context>
<context>
    <name>PrintJobsDialog</name>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="47"/>
        <source>打印任务</source>
        <extracomment>PrintStatus values (a StrEnum of the storage layer, which the screen does not import).</extracomment>
        <translation>Print jobs</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="54"/>
        <source>打印任务列表</source>
        <translation>Print job list</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="56"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="56"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="56"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="56"/>
        <source>次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="56"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="67"/>
        <source>打印任务概况</source>
        <translation>Print job summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="69"/>
        <location filename="../../app/ui/print_jobs_dialog.py" line="70"/>
        <source>重新打印所选</source>
        <translation>Print selected again</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="72"/>
        <location filename="../../app/ui/print_jobs_dialog.py" line="73"/>
        <source>全部重试</source>
        <translation>Retry all</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="75"/>
        <location filename="../../app/ui/print_jobs_dialog.py" line="76"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="93"/>
        <source>等待打印</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="94"/>
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="95"/>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="101"/>
        <source>销售小票</source>
        <translation>Sale receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="102"/>
        <source>退货单</source>
        <translation>Refund slip</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="103"/>
        <source>重印</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="104"/>
        <source>X 报表</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="105"/>
        <source>交班报表</source>
        <translation>Shift report</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="106"/>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="130"/>
        <source>未打印的任务：%1</source>
        <translation>Jobs not printed: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="144"/>
        <source>请先选择一个打印任务</source>
        <translation>Select a print job first</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="163"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="174"/>
        <source>打印失败：%1</source>
        <translation>Printing failed: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_jobs_dialog.py" line="177"/>
        <source>已打印 %1 张。</source>
        <translation>Printed %1. </translation>
    </message>
    <message>
        <source>确认已出纸</source>
        <translation>Confirm it came out</translation>
    </message>
    <message>
        <source>已发送，未确认</source>
        <translation>Sent, not confirmed</translation>
    </message>
    <message>
        <source>；已发送未确认：%1（请看是否出纸，没有出纸请重印所选）</source>
        <translation>; sent, not confirmed: %1 (check whether it came out; if not, reprint the selected one)</translation>
    </message>
    <message>
        <source>已发送，未确认：%1</source>
        <translation>Sent, not confirmed: %1</translation>
    </message>
</context>
<context>
    <name>ProductPickDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="211"/>
        <source>选择商品</source>
        <translation>Choose a product</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="214"/>
        <source>“%1”的查找结果：</source>
        <translation>Results for "%1":</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="217"/>
        <source>查找结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="226"/>
        <location filename="../../app/ui/dialogs.py" line="227"/>
        <source>加入购物车</source>
        <translation>Add to cart</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="230"/>
        <location filename="../../app/ui/dialogs.py" line="231"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PromptDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="135"/>
        <location filename="../../app/ui/dialogs.py" line="136"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="138"/>
        <location filename="../../app/ui/dialogs.py" line="139"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReceivablesDialog</name>
    <message>
        <location filename="../../app/ui/receivables.py" line="40"/>
        <source>挂账还款</source>
        <translation>Receivables</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="45"/>
        <source>客户姓名</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="46"/>
        <source>客户姓名（留空显示全部）</source>
        <translation>Customer name (empty shows all)</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="48"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="49"/>
        <source>查找挂账</source>
        <translation>Find receivables</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="53"/>
        <source>未还挂账</source>
        <translation>Open receivables</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="55"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="55"/>
        <source>小票号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="55"/>
        <source>挂账金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="55"/>
        <source>未还</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="64"/>
        <location filename="../../app/ui/receivables.py" line="86"/>
        <source>还款金额</source>
        <translation>Amount paid</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="67"/>
        <source>还款方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="70"/>
        <location filename="../../app/ui/receivables.py" line="71"/>
        <source>收款</source>
        <translation>Receive</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="75"/>
        <location filename="../../app/ui/receivables.py" line="76"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="132"/>
        <source>请先选择一笔挂账</source>
        <translation>Select a receivable first</translation>
    </message>
    <message>
        <location filename="../../app/ui/receivables.py" line="149"/>
        <source>已收 %1 还款 %2，尚欠 %3</source>
        <translation>Received %2 from %1; %3 still owed</translation>
    </message>
    <message>
        <source>按姓名、卡号或手机号查找</source>
        <translation>Find by name, card number or phone</translation>
    </message>
    <message>
        <source>姓名 / 会员卡号 / 手机号（留空显示全部）</source>
        <translation>Name / member card / phone (empty shows all)</translation>
    </message>
    <message>
        <source>欠款合计</source>
        <translation>Total owed</translation>
    </message>
    <message>
        <source>选中欠款人收其全部或部分欠款（先还最早的），选中一张小票只收该单</source>
        <translation>Choose a debtor to take all or part of what they owe (oldest first), or one receipt to settle only that sale</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>欠款人 / 小票号</source>
        <translation>Owed by / receipt</translation>
    </message>
    <message>
        <source>会员卡号 / 手机</source>
        <translation>Member card / phone</translation>
    </message>
    <message>
        <source>挂账日期</source>
        <translation>Sold on</translation>
    </message>
    <message>
        <source>已欠天数</source>
        <translation>Days owed</translation>
    </message>
    <message>
        <source>请先选择欠款人或一笔挂账</source>
        <translation>Choose a debtor or an on-account sale first</translation>
    </message>
    <message>
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>%1 笔</source>
        <translation>%1 sales</translation>
    </message>
    <message>
        <source>自 %1</source>
        <translation>since %1</translation>
    </message>
    <message>
        <source>共 %1 位欠款，合计 %2</source>
        <translation>%1 owing, %2 in all</translation>
    </message>
    <message>
        <source>（小票 %1 尚欠 %2）</source>
        <translation> (receipt %1 still owes %2)</translation>
    </message>
    <message>
        <source>每人挂账上限</source>
        <translation>Credit limit per debtor</translation>
    </message>
    <message>
        <source>挂账额度（需店长授权）</source>
        <translation>Credit limit (manager)</translation>
    </message>
    <message>
        <source>设置挂账额度</source>
        <translation>Set the credit limit</translation>
    </message>
    <message>
        <source>每人上限 %1</source>
        <translation>Up to %1 each</translation>
    </message>
    <message>
        <source>不限额</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>挂账额度</source>
        <translation>Credit limit</translation>
    </message>
    <message>
        <source>每人挂账上限（元）</source>
        <translation>Most one debtor may owe (yuan)</translation>
    </message>
    <message>
        <source>留空或 0 为不限</source>
        <translation>Empty or 0: no limit</translation>
    </message>
    <message>
        <source>挂账额度已保存</source>
        <translation>Credit limit saved</translation>
    </message>
    <message>
        <source>挂账金额 / 笔数</source>
        <translation>Amount / sales</translation>
    </message>
</context>
<context>
    <name>RedeemDialog</name>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="335"/>
        <source>积分兑换</source>
        <translation>Redeem points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="341"/>
        <source>%1 现有积分 %2</source>
        <translation>%1 has %2 points</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="345"/>
        <source>礼品</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="354"/>
        <source>%1    %2 积分    库存 %3</source>
        <translation>%1    %2 points    %3 in stock</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="361"/>
        <location filename="../../app/ui/member_dialogs.py" line="366"/>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="364"/>
        <source>确认兑换 (Enter)</source>
        <translation>Redeem (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="364"/>
        <source>确认兑换</source>
        <translation>Confirm redemption</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="379"/>
        <source>请选择礼品</source>
        <translation>Choose a gift</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../app/ui/refund.py" line="51"/>
        <source>退货 / 作废</source>
        <translation>Refund / void</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="57"/>
        <source>小票号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="58"/>
        <source>扫描或输入小票号</source>
        <translation>Scan or type a receipt number</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="61"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="62"/>
        <source>查找小票</source>
        <translation>Find receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="71"/>
        <source>小票商品</source>
        <translation>Receipt lines</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="73"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="73"/>
        <source>已售</source>
        <translation>Sold</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="73"/>
        <source>可退</source>
        <translation>Returnable</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="73"/>
        <source>退货数量</source>
        <translation>Return qty</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="82"/>
        <location filename="../../app/ui/refund.py" line="88"/>
        <source>退款方式</source>
        <translation>Refund method</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="84"/>
        <source>退货原因</source>
        <translation>Refund reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="86"/>
        <source>如：质量问题、顾客不要了</source>
        <translation>e.g. faulty, customer changed their mind</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="89"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="91"/>
        <location filename="../../app/ui/refund.py" line="92"/>
        <source>退货退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="95"/>
        <location filename="../../app/ui/refund.py" line="96"/>
        <source>作废整单</source>
        <translation>Void receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="99"/>
        <location filename="../../app/ui/refund.py" line="100"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="135"/>
        <source>请扫描或输入小票号</source>
        <translation>Scan or type a receipt number</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="155"/>
        <source>%1  %2  收银员 %3  合计 %4  %5</source>
        <translation>%1  %2  Cashier %3  Total %4  %5</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="177"/>
        <source>原路退回</source>
        <translation>Back the way it was paid</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="201"/>
        <source>“%1”最多可退 %2</source>
        <translation>At most %2 of "%1" can be returned</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="208"/>
        <source>请填写要退的数量</source>
        <translation>Enter the quantities to return</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="225"/>
        <source>小票 %1</source>
        <translation>Receipt %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="258"/>
        <source>作废小票 %1</source>
        <translation>Void receipt %1</translation>
    </message>
</context>
<context>
    <name>RemindersDialog</name>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="158"/>
        <source>会员提醒</source>
        <translation>Member reminders</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="161"/>
        <location filename="../../app/ui/reminders_panel.py" line="162"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ReminderWords</name>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>农历生日 %1</source>
        <translation>lunar birthday %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>公历生日 %1</source>
        <translation>birthday %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>%1（农历 %2）</source>
        <translation>%1 (lunar %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>已 %1 天未到店</source>
        <translation>not seen for %1 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>会员卡 %1到期</source>
        <translation>card expires %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>%1 年 %2 月 %3 日</source>
        <translation>%2/%3/%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>%1 月 %2 日</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>闰%1月</source>
        <translation>leap month %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>%1月</source>
        <translation>month %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>%1%2</source>
        <translation>%1, day %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>%1（今年按 2 月 28 日）</source>
        <translation>%1 (on 2/28 this year)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>今年无%1</source>
        <translation>no %1 this year</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>%1只有 %2 天</source>
        <translation>%1 has only %2 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>按%1</source>
        <translation>kept on %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminder_words.py" line="1"/>
        <source>，</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>RemindersPanel</name>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="40"/>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="41"/>
        <source>纪念日</source>
        <translation>Anniversary</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="42"/>
        <source>久未到店</source>
        <translation>No visit</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="43"/>
        <source>会员卡即将到期</source>
        <translation>Card expiring</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="54"/>
        <source>会员提醒</source>
        <translation>Member reminders</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="58"/>
        <source>提前天数</source>
        <translation>Days ahead</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="61"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="63"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="64"/>
        <source>刷新提醒</source>
        <translation>Refresh reminders</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="67"/>
        <source>导出 CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="68"/>
        <location filename="../../app/ui/reminders_panel.py" line="130"/>
        <source>导出提醒</source>
        <translation>Export reminders</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="75"/>
        <source>提醒列表</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="77"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="77"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="77"/>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="77"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="77"/>
        <source>说明</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="84"/>
        <source>今天及之后</source>
        <translation>Today and the next</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="97"/>
        <source>正在查找…</source>
        <translation>Looking…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="123"/>
        <source>共 %1 条提醒，其中生日 %2 条</source>
        <translation>%1 reminders, %2 of them birthdays</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="130"/>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reminders_panel.py" line="147"/>
        <source>已导出 %1 条到 %2</source>
        <translation>Exported %1 to %2</translation>
    </message>
</context>
<context>
    <name>SaleWindow</name>
    <message>
        <source>会员分析（需店长授权）</source>
        <translation>Member analytics (manager approval)</translation>
    </message>
    <message>
        <source>存入现金（需店长授权）</source>
        <translation>Cash in (manager approval)</translation>
    </message>
    <message>
        <source>取出现金（需店长授权）</source>
        <translation>Cash out (manager approval)</translation>
    </message>
    <message>
        <source>已存入现金 %1（%2），钱箱应有 %3</source>
        <translation>Cash in %1 (%2); the drawer should hold %3</translation>
    </message>
    <message>
        <source>已取出现金 %1（%2），钱箱应有 %3</source>
        <translation>Cash out %1 (%2); the drawer should hold %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="92"/>
        <source>收银台 - %1</source>
        <extracomment>``3*6901234567892`` rings up three at once, as on most tills. A member card was read (keyboard-wedge or serial reader): its card number. For the devices (pole display, customer screen, printer status): a line was added or changed by a scan (its index), payment was asked for (amount due in fen), the sale was paid (SaleResult), a print finished (True when it printed).</extracomment>
        <translation>Store counter - %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="124"/>
        <source>收银(&amp;S)</source>
        <extracomment>Set when the application itself closes the window (logout, language switch).</extracomment>
        <translation>&amp;Sale</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="127"/>
        <location filename="../../app/ui/sale_window.py" line="296"/>
        <source>结账</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="128"/>
        <location filename="../../app/ui/sale_window.py" line="858"/>
        <source>挂单</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="129"/>
        <source>取单</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="130"/>
        <location filename="../../app/ui/sale_window.py" line="636"/>
        <source>修改数量</source>
        <translation>Change quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="131"/>
        <location filename="../../app/ui/sale_window.py" line="706"/>
        <source>单品折扣</source>
        <translation>Line discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="132"/>
        <location filename="../../app/ui/sale_window.py" line="716"/>
        <location filename="../../app/ui/sale_window.py" line="717"/>
        <source>整单折扣</source>
        <translation>Order discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="133"/>
        <source>删除商品行</source>
        <translation>Remove line</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="134"/>
        <source>改价（需店长授权）</source>
        <translation>Override price (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="138"/>
        <source>单据(&amp;O)</source>
        <translation>&amp;Orders</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="140"/>
        <source>退货</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="141"/>
        <source>作废小票（需店长授权）</source>
        <translation>Void a receipt (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="142"/>
        <source>重印上一张小票</source>
        <translation>Reprint last receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="143"/>
        <source>挂账还款</source>
        <translation>Receivables</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="147"/>
        <source>钱箱与交班(&amp;D)</source>
        <translation>&amp;Drawer &amp;&amp; shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="149"/>
        <source>开钱箱（需店长授权）</source>
        <translation>Open drawer (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="150"/>
        <source>X 报表（当班统计）</source>
        <translation>X report (this shift)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="151"/>
        <location filename="../../app/ui/sale_window.py" line="285"/>
        <source>交班</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="155"/>
        <source>系统(&amp;Y)</source>
        <translation>S&amp;ystem</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="156"/>
        <source>语言 / Language</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="171"/>
        <source>快捷键帮助</source>
        <translation>Key help</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="172"/>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="183"/>
        <source>扫码或输入商品</source>
        <translation>Scan or type a product</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="184"/>
        <source>扫描条码，或输入名称 / 拼音首字母后按回车</source>
        <translation>Scan a barcode, or type a name / pinyin initials and press Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="195"/>
        <source>提示信息</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="200"/>
        <source>购物车</source>
        <translation>Cart</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="243"/>
        <location filename="../../app/ui/sale_window.py" line="247"/>
        <source>应收金额</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="250"/>
        <source>件数</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="251"/>
        <source>原价合计</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="252"/>
        <source>优惠</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="253"/>
        <source>抹零</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="254"/>
        <source>优惠券</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="258"/>
        <source>优惠券抵扣</source>
        <translation>Coupon discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="266"/>
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="276"/>
        <source>挂单 F4</source>
        <translation>Park F4</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="277"/>
        <source>取单 F5</source>
        <translation>Resume F5</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="278"/>
        <source>数量 F6</source>
        <translation>Qty F6</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="279"/>
        <source>单品折扣 F7</source>
        <translation>Line disc. F7</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="280"/>
        <source>整单折扣 F8</source>
        <translation>Order disc. F8</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="281"/>
        <source>退货 F9</source>
        <translation>Refund F9</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="282"/>
        <source>重印 F10</source>
        <translation>Reprint F10</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="283"/>
        <source>删除 Del</source>
        <translation>Remove Del</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="284"/>
        <source>帮助 F1</source>
        <translation>Help F1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="295"/>
        <source>结账 F12</source>
        <translation>Pay F12</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="337"/>
        <source>收银员：%1（%2）</source>
        <translation>Cashier: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="343"/>
        <source>打印机：就绪</source>
        <translation>Printer: ready</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="353"/>
        <source>收银员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="354"/>
        <source>店长</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="355"/>
        <source>老板</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="362"/>
        <source>未开班</source>
        <translation>No shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="365"/>
        <source>班次：%1 开班</source>
        <translation>Shift: opened %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="503"/>
        <source>%1 不可用：%2</source>
        <translation>%1 not usable: %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="508"/>
        <source>%1 -%2</source>
        <translation>%1 -%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="549"/>
        <source>该商品数量须为整数</source>
        <translation>This product is sold in whole units</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="570"/>
        <source>没有找到“%1”，请检查条码或换个关键字</source>
        <translation>Nothing found for "%1"; check the barcode or try another word</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="609"/>
        <location filename="../../app/ui/sale_window.py" line="766"/>
        <source>购物车是空的，请先扫码</source>
        <translation>The cart is empty; scan something first</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="637"/>
        <source>“%1”的数量（%2）</source>
        <translation>Quantity of "%1" (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="661"/>
        <source>该行金额为零，无法打折</source>
        <translation>This line is zero; no discount possible</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="677"/>
        <source>折扣 %1 超过收银员权限（%2%）</source>
        <translation>Discount %1 is above the cashier's limit (%2%)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="686"/>
        <source>如 9折、10%、5（减 5 元），0 取消</source>
        <translation>e.g. 9折, 10%, 5 (5 yuan off); 0 removes it</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="707"/>
        <source>“%1”的折扣</source>
        <translation>Discount on "%1"</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="737"/>
        <source>“%1”改价为 %2</source>
        <translation>Change the price of "%1" to %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="752"/>
        <source>改价</source>
        <translation>Price override</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="753"/>
        <source>“%1”的新单价（原价 %2）</source>
        <translation>New unit price of "%1" (was %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="769"/>
        <source>尚未开班，请重新登录并开班</source>
        <translation>No shift open: log in again and open a shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="774"/>
        <source>优惠券不可用：%1。请取消优惠券或继续加购</source>
        <translation>Coupon not usable: %1. Remove the coupon or add more items</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="788"/>
        <source>找零 %1
小票 %2</source>
        <translation>Change %1
Receipt %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="803"/>
        <location filename="../../app/ui/sale_window.py" line="836"/>
        <source>打印机：正在打印</source>
        <translation>Printer: printing</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="808"/>
        <source>打印机：正常</source>
        <translation>Printer: OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="810"/>
        <source>小票已打印</source>
        <translation>Receipt printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="817"/>
        <source>打印机：故障</source>
        <translation>Printer: error</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="820"/>
        <source>打印失败，可按 F10 重印：%1</source>
        <translation>Printing failed, press F10 to reprint: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="833"/>
        <source>还没有可重印的小票</source>
        <translation>There is no receipt to reprint yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="844"/>
        <source>购物车是空的，无需挂单</source>
        <translation>The cart is empty; nothing to park</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="854"/>
        <source>已挂单：%1</source>
        <translation>Parked: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="859"/>
        <source>备注（可不填，如顾客特征）</source>
        <translation>Label (optional, e.g. what the customer wears)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="867"/>
        <source>请先结账或挂单当前购物车，再取单</source>
        <translation>Pay or park the current cart before resuming another</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="875"/>
        <source>没有挂单</source>
        <translation>No parked carts</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="910"/>
        <source>已退款 %1，退货单 %2</source>
        <translation>Refunded %1, refund receipt %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="918"/>
        <source>小票 %1 已作废</source>
        <translation>Receipt %1 voided</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="948"/>
        <source>钱箱未能打开：%1</source>
        <translation>The drawer did not open: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="951"/>
        <source>钱箱已打开</source>
        <translation>Drawer opened</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="956"/>
        <location filename="../../app/ui/sale_window.py" line="971"/>
        <source>尚未开班</source>
        <translation>No shift open</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="974"/>
        <source>购物车中还有商品，请先结账或挂单，再交班</source>
        <translation>The cart is not empty: pay or park it before closing the shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="1000"/>
        <source>购物车中还有商品，请先结账或挂单，再退出登录</source>
        <translation>The cart is not empty: pay or park it before logging out</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="1008"/>
        <source>购物车中还有商品，请先结账或挂单（F4），再关闭</source>
        <translation>There are goods in the cart: pay or park them (F4) before closing</translation>
    </message>
    <message>
        <source>员工管理（需店长授权）</source>
        <translation>Staff (manager approval)</translation>
    </message>
    <message>
        <source>商品管理（需店长授权）</source>
        <translation>Products (manager approval)</translation>
    </message>
    <message>
        <source>日期异常：会员日结已暂停</source>
        <translation>Date problem: member upkeep paused</translation>
    </message>
    <message>
        <source>打印机：已发送，未确认</source>
        <translation>Printer: sent, not confirmed</translation>
    </message>
    <message>
        <source>小票已发送，打印机未确认收到：请看是否出纸，没有出纸请按 F10 重印</source>
        <translation>The receipt was sent but the printer did not confirm it: check whether it came out; if not, press F10 to reprint</translation>
    </message>
    <message>
        <source>电脑时间改正后，请老板运行 python main.py clock-corrected 恢复会员日结</source>
        <translation>Once the computer's time is right, the owner runs python main.py clock-corrected to resume the member upkeep</translation>
    </message>
    <message>
        <source>总部：连接中</source>
        <translation>Head office: connecting</translation>
    </message>
    <message>
        <source>总部：在线</source>
        <translation>Head office: online</translation>
    </message>
    <message>
        <source>总部：离线</source>
        <translation>Head office: offline</translation>
    </message>
    <message>
        <source>待发送 %1 条</source>
        <translation>%1 waiting</translation>
    </message>
    <message>
        <source>最早 %1前</source>
        <translation>oldest %1 ago</translation>
    </message>
    <message>
        <source>已全部发送</source>
        <translation>all sent</translation>
    </message>
    <message>
        <source>上次同步 %1</source>
        <translation>last sync %1</translation>
    </message>
    <message>
        <source>%1 分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 小时</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>还有 %1 条记录未发送到总部：请保持联网，或稍后运行 python main.py sync</source>
        <translation>%1 records are not yet sent to the head office: stay online, or run python main.py sync later</translation>
    </message>
    <message>
        <source>。再按一次退出登录</source>
        <translation>. Press again to log out</translation>
    </message>
    <message>
        <source>库存（需店长授权）</source>
        <translation>Stock (manager approval)</translation>
    </message>
    <message>
        <source>报表（需店长授权）</source>
        <translation>Reports (manager approval)</translation>
    </message>
    <message>
        <source>选择赠品</source>
        <translation>Choose the gift</translation>
    </message>
    <message>
        <source>本单没有可选择的赠品</source>
        <translation>This sale has no gift to choose</translation>
    </message>
    <message>
        <source>“%1”的赠品，输入序号：
%2</source>
        <translation>Gift of “%1”, type its number:
%2</translation>
    </message>
    <message>
        <source>员工赠券</source>
        <translation>Staff coupon</translation>
    </message>
    <message>
        <source>现在没有可用的员工赠券</source>
        <translation>No staff coupon can be given now</translation>
    </message>
    <message>
        <source>输入序号或名称（留空取消）：
%1</source>
        <translation>Type its number or name (blank takes it off):
%1</translation>
    </message>
    <message>
        <source>促销</source>
        <translation>Promotions</translation>
    </message>
    <message>
        <source>促销优惠</source>
        <translation>Promotion savings</translation>
    </message>
    <message>
        <source>已省 %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>赠品：%1 ×%2</source>
        <translation>Gift: %1 ×%2</translation>
    </message>
    <message>
        <source>促销管理（需店长授权）</source>
        <translation>Promotions (manager approval)</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
</context>
<context>
    <name>ScanGuard</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="57"/>
        <source>请先关闭此窗口，再扫码或刷卡</source>
        <translation>Close this window first, then scan or swipe</translation>
    </message>
</context>
<context>
    <name>ShiftBusyDialog</name>
    <message>
        <location filename="../../app/ui/login.py" line="156"/>
        <source>班次未交</source>
        <translation>Shift still open</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="159"/>
        <source>%1 的班次尚未交班。请先清点钱箱并交班，再开始您的班次。</source>
        <translation>%1's shift is still open. Count the drawer and close that shift before starting yours.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="166"/>
        <location filename="../../app/ui/login.py" line="167"/>
        <source>交班</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="171"/>
        <location filename="../../app/ui/login.py" line="172"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>ShiftCloseDialog</name>
    <message>
        <location filename="../../app/ui/shift.py" line="106"/>
        <source>交班</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="118"/>
        <source>%1 的班次，开班于 %2</source>
        <translation>Shift of %1, opened %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="127"/>
        <source>付款方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="127"/>
        <source>应有</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="127"/>
        <source>实点</source>
        <translation>Counted</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="127"/>
        <source>差额</source>
        <translation>Variance</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="138"/>
        <source>实点金额</source>
        <translation>Counted amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="141"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="153"/>
        <location filename="../../app/ui/shift.py" line="154"/>
        <source>确认交班</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="158"/>
        <location filename="../../app/ui/shift.py" line="159"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="188"/>
        <source>金额有误</source>
        <translation>Bad amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="202"/>
        <source>请清点并填写现金金额</source>
        <translation>Count the cash and enter the amount</translation>
    </message>
</context>
<context>
    <name>ShiftReportDialog</name>
    <message>
        <location filename="../../app/ui/shift.py" line="40"/>
        <source>交班报表</source>
        <translation>Shift report</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="40"/>
        <source>X 报表（当班统计）</source>
        <translation>X report (this shift)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="45"/>
        <source>收银员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="46"/>
        <source>开班时间</source>
        <translation>Opened at</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="47"/>
        <source>备用金</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="48"/>
        <source>销售笔数</source>
        <translation>Sales</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="49"/>
        <source>销售额</source>
        <translation>Gross sales</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="50"/>
        <source>退货笔数</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="51"/>
        <source>退货金额</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="52"/>
        <source>作废笔数</source>
        <translation>Voids</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="53"/>
        <source>净销售额</source>
        <translation>Net sales</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="56"/>
        <source>交班时间</source>
        <translation>Closed at</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="64"/>
        <source>付款方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="64"/>
        <source>应有</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="64"/>
        <source>实点</source>
        <translation>Counted</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="64"/>
        <source>差额</source>
        <translation>Variance</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="83"/>
        <location filename="../../app/ui/shift.py" line="84"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/shift.py" line="232"/>
        <source>报表已发送到打印机。</source>
        <translation>The report was sent to the printer.</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>员工管理</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>新增员工</source>
        <translation>Add staff</translation>
    </message>
    <message>
        <source>修改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>停用 / 启用</source>
        <translation>Disable / enable</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset PIN</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>在职</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>收银员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>店长</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>老板</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>请填写姓名和角色，如“小刘 收银员”</source>
        <translation>Enter a name and a role, e.g. "Liu cashier"</translation>
    </message>
    <message>
        <source>新员工的密码</source>
        <translation>PIN of the new member of staff</translation>
    </message>
    <message>
        <source>姓名 角色（收银员 / 店长 / 老板），如“小刘 收银员”</source>
        <translation>Name and role (cashier / manager / owner), e.g. "Liu cashier"</translation>
    </message>
    <message>
        <source>“%1”的新角色（收银员 / 店长 / 老板）</source>
        <translation>New role of "%1" (cashier / manager / owner)</translation>
    </message>
    <message>
        <source>“%1”的新密码</source>
        <translation>New PIN of "%1"</translation>
    </message>
    <message>
        <source>设置密码</source>
        <translation>Set a PIN</translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="166"/>
        <source>会员充值</source>
        <translation>Member top-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="172"/>
        <source>%1（%2）当前余额 %3</source>
        <translation>%1 (%2), balance now %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="180"/>
        <location filename="../../app/ui/member_dialogs.py" line="196"/>
        <source>充值金额</source>
        <translation>Top-up amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="185"/>
        <location filename="../../app/ui/member_dialogs.py" line="197"/>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="190"/>
        <source>充值赠送</source>
        <translation>Top-up bonus</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="193"/>
        <source>确认充值 (Enter)</source>
        <translation>Confirm top-up (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="193"/>
        <source>确认充值</source>
        <translation>Confirm top-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/member_dialogs.py" line="220"/>
        <source>赠送 %1，充值后余额 %2</source>
        <translation>Bonus %1, balance after top-up %2</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>钱箱应有现金 %1 元，不能取出 %2 元</source>
        <translation>The drawer should hold %1 yuan; %2 yuan cannot be taken out</translation>
    </message>
    <message>
        <source>%1 应为 %2 到 %3 之间的整数</source>
        <translation>%1 must be a whole number from %2 to %3</translation>
    </message>
    <message>
        <source>%1 应为一节设置（[%2]）</source>
        <translation>%1 must be a section of settings ([%2])</translation>
    </message>
    <message>
        <source>%1 应为文字</source>
        <translation>%1 must be text</translation>
    </message>
    <message>
        <source>%1 无法读取：%2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 的班次尚未交班，请先交班</source>
        <translation>%1's shift is not closed yet; close it first</translation>
    </message>
    <message>
        <source>%1.%2 应为 %3 之一</source>
        <translation>%1.%2 must be one of %3</translation>
    </message>
    <message>
        <source>%1.%2 应为 %3 到 %4 之间的整数</source>
        <translation>%1.%2 must be a whole number from %3 to %4</translation>
    </message>
    <message>
        <source>%1.%2 应为 true 或 false</source>
        <translation>%1.%2 must be true or false</translation>
    </message>
    <message>
        <source>%1.%2 应为不超过 %3 个字的文字</source>
        <translation>%1.%2 must be text of at most %3 characters</translation>
    </message>
    <message>
        <source>%1.baudrate 应为 %2 之一</source>
        <translation>%1.baudrate must be one of %2</translation>
    </message>
    <message>
        <source>%1不能为负数</source>
        <translation>%1 cannot be negative</translation>
    </message>
    <message>
        <source>%1过高，上限为 %2</source>
        <translation>%1 is too high; the limit is %2</translation>
    </message>
    <message>
        <source>%1金额必须大于零</source>
        <translation>The %1 amount must be more than zero</translation>
    </message>
    <message>
        <source>%1须为非负数</source>
        <translation>%1 must not be negative</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>CSV 文件第 %1 行格式有误：%2</source>
        <translation>Line %1 of the CSV file is malformed: %2</translation>
    </message>
    <message>
        <source>USB 厂商号和产品号不能为 0：%1</source>
        <translation>The USB vendor and product IDs cannot be 0: %1</translation>
    </message>
    <message>
        <source>USB 打印机地址应为 usb://厂商号:产品号（十六进制，如 0416:5011）：%1</source>
        <translation>A USB printer address must be usb://vendor:product (hexadecimal, e.g. 0416:5011): %1</translation>
    </message>
    <message>
        <source>card_reader.check_byte（校验字节）只用于 stx_etx 格式的读卡器</source>
        <translation>card_reader.check_byte (check byte) is only for readers in stx_etx format</translation>
    </message>
    <message>
        <source>card_reader.max_length（卡号最长位数）不能小于 min_length（最短位数）</source>
        <translation>card_reader.max_length (longest card number) cannot be less than min_length (shortest)</translation>
    </message>
    <message>
        <source>dummy: 打印机不带参数：%1</source>
        <translation>A dummy: printer takes no options: %1</translation>
    </message>
    <message>
        <source>pole_display.encoding 不是可用的编码：%1</source>
        <translation>pole_display.encoding is not an available encoding: %1</translation>
    </message>
    <message>
        <source>printer_encoding 应为 gb18030 或 gbk</source>
        <translation>printer_encoding must be gb18030 or gbk</translation>
    </message>
    <message>
        <source>printer_render 应为 text（文字打印）或 raster（图像打印）</source>
        <translation>printer_render must be text (text printing) or raster (image printing)</translation>
    </message>
    <message>
        <source>printer_timeout_seconds 应在 0 到 60 秒之间</source>
        <translation>printer_timeout_seconds must be between 0 and 60 seconds</translation>
    </message>
    <message>
        <source>receipt_width 应为 32（58mm）或 48（80mm）</source>
        <translation>receipt_width must be 32 (58mm) or 48 (80mm)</translation>
    </message>
    <message>
        <source>rounding 应为 %1 之一</source>
        <translation>rounding must be one of %1</translation>
    </message>
    <message>
        <source>weighed_layouts 应为条码格式列表</source>
        <translation>weighed_layouts must be a list of barcode layouts</translation>
    </message>
    <message>
        <source>“%1”已停售，请从购物车删除</source>
        <translation>"%1" is no longer sold; remove it from the cart</translation>
    </message>
    <message>
        <source>“%1”按%2销售，数量须为整数</source>
        <translation>"%1" is sold by %2; the quantity must be a whole number</translation>
    </message>
    <message>
        <source>“%1”最多可退 %2%3</source>
        <translation>"%1": at most %2%3 can be refunded</translation>
    </message>
    <message>
        <source>“%1”没有授权“%2”的权限，请店长输入密码</source>
        <translation>"%1" may not approve "%2"; a manager must enter their PIN</translation>
    </message>
    <message>
        <source>一单只能挂一位客户的账</source>
        <translation>A sale can be put on account for only one customer</translation>
    </message>
    <message>
        <source>一单最多 %1 行，请先结账</source>
        <translation>At most %1 lines per sale; check out first</translation>
    </message>
    <message>
        <source>一次刷卡的最大长度至少为 1 字节</source>
        <translation>The longest swipe must be at least 1 byte</translation>
    </message>
    <message>
        <source>不支持的打印机类型“%1”，可用：%2</source>
        <translation>Unsupported printer type "%1", available: %2</translation>
    </message>
    <message>
        <source>中文字体无法读取：%1</source>
        <translation>The Chinese font cannot be read: %1</translation>
    </message>
    <message>
        <source>串口打印机地址缺少串口设备（如 serial:///dev/ttyUSB0）：%1</source>
        <translation>The serial printer address lacks a serial device (e.g. serial:///dev/ttyUSB0): %1</translation>
    </message>
    <message>
        <source>串口波特率无效“%1”，可用：%2</source>
        <translation>Invalid serial baud rate "%1", available: %2</translation>
    </message>
    <message>
        <source>串口流控无效“%1”，可用：%2</source>
        <translation>Invalid serial flow control "%1", available: %2</translation>
    </message>
    <message>
        <source>串口读卡器须设置 card_reader.port（如 /dev/ttyUSB0 或 COM3）</source>
        <translation>A serial card reader needs card_reader.port (e.g. /dev/ttyUSB0 or COM3)</translation>
    </message>
    <message>
        <source>二维码内容为空或过长</source>
        <translation>The QR code content is empty or too long</translation>
    </message>
    <message>
        <source>二维码尺寸须在 1 到 16 之间</source>
        <translation>The QR code size must be from 1 to 16</translation>
    </message>
    <message>
        <source>付费卡类型不能设置升级条件：%1</source>
        <translation>A paid card type cannot have an upgrade rule: %1</translation>
    </message>
    <message>
        <source>价格不能为负数</source>
        <translation>The price cannot be negative</translation>
    </message>
    <message>
        <source>优惠券名称须为 1–40 个字</source>
        <translation>A coupon name must be 1–40 characters</translation>
    </message>
    <message>
        <source>优惠券已存在：%1</source>
        <translation>Coupon already exists: %1</translation>
    </message>
    <message>
        <source>会员卡记录缺失</source>
        <translation>The member card record is missing</translation>
    </message>
    <message>
        <source>会员密码错误，还可尝试 %1 次</source>
        <translation>Wrong member password; %1 tries left</translation>
    </message>
    <message>
        <source>会员密码须为 %1 到 %2 位数字</source>
        <translation>The member password must be %1 to %2 digits</translation>
    </message>
    <message>
        <source>会员已是该等级</source>
        <translation>The member is already at this level</translation>
    </message>
    <message>
        <source>会员费不能为负数</source>
        <translation>The membership fee cannot be negative</translation>
    </message>
    <message>
        <source>余额不足：卡内余额 %1</source>
        <translation>Insufficient balance: the card holds %1</translation>
    </message>
    <message>
        <source>余额不足：可退本金 %1，申请退 %2（赠送金不可退现）</source>
        <translation>Insufficient balance: %1 principal refundable, %2 asked (bonus is never paid out in cash)</translation>
    </message>
    <message>
        <source>余额不足：需 %1，卡内余额 %2（本金 %3，赠送 %4）</source>
        <translation>Insufficient balance: %1 needed, the card holds %2 (principal %3, bonus %4)</translation>
    </message>
    <message>
        <source>储值或积分付款须先刷会员卡</source>
        <translation>Swipe the member card before paying with stored value or points</translation>
    </message>
    <message>
        <source>充值上限必须大于零</source>
        <translation>The top-up limit must be more than zero</translation>
    </message>
    <message>
        <source>充值和次卡只收现金、银行卡、微信或支付宝</source>
        <translation>Top-ups and count cards take only cash, bank card, WeChat or Alipay</translation>
    </message>
    <message>
        <source>充值金额必须大于零</source>
        <translation>The top-up must be more than zero</translation>
    </message>
    <message>
        <source>充值金额超过上限（单次最多 %1）</source>
        <translation>The top-up is over the limit (at most %1 at a time)</translation>
    </message>
    <message>
        <source>充值门槛必须大于零</source>
        <translation>The top-up threshold must be more than zero</translation>
    </message>
    <message>
        <source>兑换所需积分必须大于零</source>
        <translation>The points needed must be more than zero</translation>
    </message>
    <message>
        <source>兑换数量必须大于零</source>
        <translation>The quantity redeemed must be more than zero</translation>
    </message>
    <message>
        <source>公历日期没有闰月</source>
        <translation>Solar dates have no leap month</translation>
    </message>
    <message>
        <source>公历没有这一天：%1</source>
        <translation>The solar calendar has no such day: %1</translation>
    </message>
    <message>
        <source>农历 %1 年%2只有 %3 天，没有%4</source>
        <translation>Lunar year %1: %2 has only %3 days, there is no %4</translation>
    </message>
    <message>
        <source>农历 %1 年没有%2</source>
        <translation>Lunar year %1 has no %2</translation>
    </message>
    <message>
        <source>农历日期须在初一到三十之间：%1</source>
        <translation>A lunar day must be from the 1st to the 30th: %1</translation>
    </message>
    <message>
        <source>分类名称过长（最多 %1 个字）</source>
        <translation>The category name is too long (at most %1 characters)</translation>
    </message>
    <message>
        <source>分隔线须为一个可打印字符</source>
        <translation>A rule must be one printable character</translation>
    </message>
    <message>
        <source>到期提醒天数不能为负数</source>
        <translation>Expiry reminder days cannot be negative</translation>
    </message>
    <message>
        <source>刷卡失败，请重新刷卡</source>
        <translation>The swipe failed; swipe again</translation>
    </message>
    <message>
        <source>升级礼包不能为负数</source>
        <translation>The upgrade gift cannot be negative</translation>
    </message>
    <message>
        <source>升级礼包的优惠券模板不存在</source>
        <translation>The coupon template of the upgrade gift does not exist</translation>
    </message>
    <message>
        <source>升级门槛必须大于零</source>
        <translation>The upgrade threshold must be more than zero</translation>
    </message>
    <message>
        <source>单位过长（最多 %1 个字）</source>
        <translation>The unit is too long (at most %1 characters)</translation>
    </message>
    <message>
        <source>卡内余额已是零</source>
        <translation>The card balance is already zero</translation>
    </message>
    <message>
        <source>卡内没有可退的本金</source>
        <translation>The card holds no principal to refund</translation>
    </message>
    <message>
        <source>卡号只能是 1–32 位数字或字母：%1</source>
        <translation>A card number must be 1–32 digits or letters: %1</translation>
    </message>
    <message>
        <source>卡号已被使用：%1</source>
        <translation>Card number already in use: %1</translation>
    </message>
    <message>
        <source>卡号应为 %1，读到 %2 位，请重新刷卡</source>
        <translation>The card number should be %1, but %2 digits were read; swipe again</translation>
    </message>
    <message>
        <source>卡号最短长度至少为 1 位</source>
        <translation>The shortest card number must be at least 1 digit</translation>
    </message>
    <message>
        <source>卡号最长长度不能小于最短长度</source>
        <translation>The longest card number cannot be shorter than the shortest</translation>
    </message>
    <message>
        <source>卡类型名称须为 1–20 个字</source>
        <translation>A card type name must be 1–20 characters</translation>
    </message>
    <message>
        <source>原单%1仅可退 %2，请改用现金退款</source>
        <translation>The original %1 can refund only %2; refund in cash instead</translation>
    </message>
    <message>
        <source>原单的会员付款记录不完整，请改用现金退款</source>
        <translation>The original member payment records are incomplete; refund in cash instead</translation>
    </message>
    <message>
        <source>原密码错误</source>
        <translation>The old password is wrong</translation>
    </message>
    <message>
        <source>只有 STX/ETX 格式的读卡器才带校验字节</source>
        <translation>Only STX/ETX card readers send a check byte</translation>
    </message>
    <message>
        <source>只有闰月的日期才能选择按闰月过</source>
        <translation>Only a date in a leap month can be kept in the leap month</translation>
    </message>
    <message>
        <source>只能作废当日的小票，往日小票请办理退货</source>
        <translation>Only today's receipts can be voided; refund earlier ones</translation>
    </message>
    <message>
        <source>只能作废未使用的优惠券</source>
        <translation>Only unused coupons can be voided</translation>
    </message>
    <message>
        <source>只能导入 CSV 或 Excel（.xlsx）文件</source>
        <translation>Only CSV or Excel (.xlsx) files can be imported</translation>
    </message>
    <message>
        <source>只能导出为 CSV 或 Excel（.xlsx）文件</source>
        <translation>Only CSV or Excel (.xlsx) files can be exported</translation>
    </message>
    <message>
        <source>员工“%1”已存在</source>
        <translation>Staff member "%1" already exists</translation>
    </message>
    <message>
        <source>员工姓名须为 1 到 40 个字</source>
        <translation>A staff name must be 1 to 40 characters</translation>
    </message>
    <message>
        <source>售价不能为负数</source>
        <translation>The price cannot be negative</translation>
    </message>
    <message>
        <source>商品名称过长（最多 %1 个字）</source>
        <translation>The product name is too long (at most %1 characters)</translation>
    </message>
    <message>
        <source>商品已停售：%1</source>
        <translation>Product no longer sold: %1</translation>
    </message>
    <message>
        <source>商品码须为不超过 %1 位的数字：%2</source>
        <translation>The item code must be digits, at most %1 of them: %2</translation>
    </message>
    <message>
        <source>商品编码已被其他商品使用：%1（%2）</source>
        <translation>The product code is used by another product: %1 (%2)</translation>
    </message>
    <message>
        <source>备份失败：%1</source>
        <translation>Backup failed: %1</translation>
    </message>
    <message>
        <source>备份文件已损坏：%1</source>
        <translation>The backup file is damaged: %1</translation>
    </message>
    <message>
        <source>备用金金额不正确</source>
        <translation>The opening float is not valid</translation>
    </message>
    <message>
        <source>天数不能为负数</source>
        <translation>The number of days cannot be negative</translation>
    </message>
    <message>
        <source>姓名须为 1–40 个字</source>
        <translation>A name must be 1–40 characters</translation>
    </message>
    <message>
        <source>存零金额不能超过本单找零 %1</source>
        <translation>The change stored cannot be more than this sale's change of %1</translation>
    </message>
    <message>
        <source>存零金额必须大于零</source>
        <translation>The change stored must be more than zero</translation>
    </message>
    <message>
        <source>实收金额不足，还差 %1</source>
        <translation>Not enough received; %1 still due</translation>
    </message>
    <message>
        <source>密码锁定设置必须大于零</source>
        <translation>The password lockout settings must be more than zero</translation>
    </message>
    <message>
        <source>密码错误次数过多，已锁定 %1 分钟</source>
        <translation>Too many wrong passwords; locked for %1 minutes</translation>
    </message>
    <message>
        <source>密码错误次数过多，已锁定，请 %1 分钟后再试</source>
        <translation>Too many wrong passwords; locked, try again in %1 minutes</translation>
    </message>
    <message>
        <source>密码错误次数过多，账户已锁定 %1 分钟</source>
        <translation>Too many wrong PINs; the account is locked for %1 minutes</translation>
    </message>
    <message>
        <source>密码错误次数过多，账户已锁定，请 %1 分钟后再试</source>
        <translation>Too many wrong PINs; the account is locked, try again in %1 minutes</translation>
    </message>
    <message>
        <source>密码须为 %1 到 %2 位数字</source>
        <translation>The PIN must be %1 to %2 digits</translation>
    </message>
    <message>
        <source>对齐方式无效：%1</source>
        <translation>Invalid alignment: %1</translation>
    </message>
    <message>
        <source>导入时商品资料有冲突，没有导入任何商品，请重试</source>
        <translation>Product data clashed during the import; nothing was imported, try again</translation>
    </message>
    <message>
        <source>小票 %1 的状态为“%2”，不能作废</source>
        <translation>Receipt %1 is "%2" and cannot be voided</translation>
    </message>
    <message>
        <source>小票 %1 的状态为“%2”，不能退货</source>
        <translation>Receipt %1 is "%2" and cannot be refunded</translation>
    </message>
    <message>
        <source>小票元素含未知字段：%1</source>
        <translation>Receipt element has unknown fields: %1</translation>
    </message>
    <message>
        <source>小票元素字段 %1 类型不对</source>
        <translation>Receipt element field %1 has the wrong type</translation>
    </message>
    <message>
        <source>小票内容已损坏，无法读取</source>
        <translation>The receipt content is damaged and cannot be read</translation>
    </message>
    <message>
        <source>小票格式版本不支持</source>
        <translation>This receipt format version is not supported</translation>
    </message>
    <message>
        <source>尚未设置默认卡类型，请先在“卡类型”中添加</source>
        <translation>No default card type yet; add one under "Card types" first</translation>
    </message>
    <message>
        <source>已是零</source>
        <translation>Already zero</translation>
    </message>
    <message>
        <source>库存不能为负数</source>
        <translation>Stock cannot be negative</translation>
    </message>
    <message>
        <source>库存变动数量不能为零</source>
        <translation>A stock change cannot be zero</translation>
    </message>
    <message>
        <source>库存变动须注明原因（最多 %1 个字）</source>
        <translation>A stock change needs a reason (at most %1 characters)</translation>
    </message>
    <message>
        <source>应收金额不能为负数</source>
        <translation>The amount due cannot be negative</translation>
    </message>
    <message>
        <source>开始日期不能晚于截止日期</source>
        <translation>The start date cannot be after the end date</translation>
    </message>
    <message>
        <source>当前班次已关闭，请重新开班</source>
        <translation>The current shift is closed; open a new shift</translation>
    </message>
    <message>
        <source>性别请填“男”或“女”：%1</source>
        <translation>Sex must be "男" (male) or "女" (female): %1</translation>
    </message>
    <message>
        <source>所选商品不在这张小票上</source>
        <translation>The chosen product is not on this receipt</translation>
    </message>
    <message>
        <source>手机号已被其他会员使用</source>
        <translation>The mobile number is used by another member</translation>
    </message>
    <message>
        <source>手机号格式不对：%1</source>
        <translation>The mobile number is not valid: %1</translation>
    </message>
    <message>
        <source>打印任务没有内容</source>
        <translation>The print job is empty</translation>
    </message>
    <message>
        <source>打印失败：%1</source>
        <translation>Printing failed: %1</translation>
    </message>
    <message>
        <source>打印机名称无效：%1</source>
        <translation>Invalid printer name: %1</translation>
    </message>
    <message>
        <source>打印机地址参数 %1 应为 on 或 off：%2</source>
        <translation>Printer address option %1 must be on or off: %2</translation>
    </message>
    <message>
        <source>打印机地址参数“%1”重复：%2</source>
        <translation>The printer address option "%1" is repeated: %2</translation>
    </message>
    <message>
        <source>打印机地址参数格式不对：%1</source>
        <translation>The printer address options are malformed: %1</translation>
    </message>
    <message>
        <source>打印机地址含未知参数“%1”：%2</source>
        <translation>The printer address has an unknown option "%1": %2</translation>
    </message>
    <message>
        <source>打印机地址缺少类型（例如 tcp://、file://）：%1</source>
        <translation>The printer address lacks a type (e.g. tcp://, file://): %1</translation>
    </message>
    <message>
        <source>打印机无法连接，请检查电源和连线</source>
        <translation>The printer cannot be reached; check its power and cable</translation>
    </message>
    <message>
        <source>打印机缺纸，请装纸后重新打印</source>
        <translation>The printer is out of paper; load paper and print again</translation>
    </message>
    <message>
        <source>打印机超时时间必须大于 0 秒</source>
        <translation>The printer timeout must be more than 0 seconds</translation>
    </message>
    <message>
        <source>打印机超时，没有响应，请检查打印机</source>
        <translation>The printer timed out without answering; check the printer</translation>
    </message>
    <message>
        <source>扫码最短长度至少为 1 位</source>
        <translation>The shortest scan must be at least 1 character</translation>
    </message>
    <message>
        <source>扫码结束键必须是一个字符</source>
        <translation>The scan end key must be one character</translation>
    </message>
    <message>
        <source>扫码间隔必须大于 0 毫秒</source>
        <translation>The scan interval must be more than 0 ms</translation>
    </message>
    <message>
        <source>找不到备份文件：%1</source>
        <translation>Backup file not found: %1</translation>
    </message>
    <message>
        <source>找不到要重印的小票</source>
        <translation>The receipt to reprint was not found</translation>
    </message>
    <message>
        <source>找不到该会员</source>
        <translation>Member not found</translation>
    </message>
    <message>
        <source>找不到该小票的订单</source>
        <translation>The order of this receipt was not found</translation>
    </message>
    <message>
        <source>找不到该打印任务</source>
        <translation>Print job not found</translation>
    </message>
    <message>
        <source>找不到该挂账</source>
        <translation>On-account sale not found</translation>
    </message>
    <message>
        <source>找不到该班次</source>
        <translation>Shift not found</translation>
    </message>
    <message>
        <source>找零只能存入本单会员的卡</source>
        <translation>Change can only be stored on this sale's member's card</translation>
    </message>
    <message>
        <source>折扣不能超过 100%</source>
        <translation>The discount cannot be more than 100%</translation>
    </message>
    <message>
        <source>折扣券的折扣须在 0%–100% 之间</source>
        <translation>A percent-off coupon must be between 0% and 100%</translation>
    </message>
    <message>
        <source>折扣必须大于零</source>
        <translation>The discount must be more than zero</translation>
    </message>
    <message>
        <source>折扣须在 0.01%–100% 之间：%1</source>
        <translation>The discount must be between 0.01% and 100%: %1</translation>
    </message>
    <message>
        <source>折数应在 0 到 10 之间，如 9折、8.5折</source>
        <translation>The fold must be between 0 and 10, e.g. 9折 or 8.5折</translation>
    </message>
    <message>
        <source>抵现金额必须大于零</source>
        <translation>The amount paid with points must be more than zero</translation>
    </message>
    <message>
        <source>挂单已达 %1 笔，请先取单结账</source>
        <translation>%1 carts are already suspended; resume and check one out first</translation>
    </message>
    <message>
        <source>挂账不能用挂账来还</source>
        <translation>An on-account sale cannot be repaid on account</translation>
    </message>
    <message>
        <source>挂账余额不足以冲减，请改用现金退款</source>
        <translation>The on-account balance is too small to offset; refund in cash instead</translation>
    </message>
    <message>
        <source>挂账须填写客户姓名</source>
        <translation>An on-account sale needs the customer's name</translation>
    </message>
    <message>
        <source>提醒天数不能为负数</source>
        <translation>Reminder days cannot be negative</translation>
    </message>
    <message>
        <source>提醒天数不能为负数，未到店天数至少为 1</source>
        <translation>Reminder days cannot be negative, and days without a visit must be at least 1</translation>
    </message>
    <message>
        <source>支付参考号过长</source>
        <translation>The payment reference is too long</translation>
    </message>
    <message>
        <source>支付金额必须大于零</source>
        <translation>The payment must be more than zero</translation>
    </message>
    <message>
        <source>数据库正被占用，请稍后重试</source>
        <translation>The database is in use; try again shortly</translation>
    </message>
    <message>
        <source>数量不能为零</source>
        <translation>The quantity cannot be zero</translation>
    </message>
    <message>
        <source>数量必须大于零</source>
        <translation>The quantity must be more than zero</translation>
    </message>
    <message>
        <source>数量过大，单行最多 %1</source>
        <translation>The quantity is too large; at most %1 per line</translation>
    </message>
    <message>
        <source>文件不是文本格式的 CSV，请在 Excel 中“另存为 CSV”后再导入</source>
        <translation>The file is not a text CSV; in Excel, "Save as CSV" and import again</translation>
    </message>
    <message>
        <source>文件打印机地址应为 file:///路径：%1</source>
        <translation>A file printer address must be file:///path: %1</translation>
    </message>
    <message>
        <source>文件打印机地址缺少文件名：%1</source>
        <translation>The file printer address lacks a file name: %1</translation>
    </message>
    <message>
        <source>文件是空的</source>
        <translation>The file is empty</translation>
    </message>
    <message>
        <source>文件是空的，没有表头和商品</source>
        <translation>The file is empty: no header and no products</translation>
    </message>
    <message>
        <source>文件编码无法识别（请用 UTF-8 或 GBK 保存）</source>
        <translation>The file's encoding is not recognised (save it as UTF-8 or GBK)</translation>
    </message>
    <message>
        <source>文件缺少必需的列：%1</source>
        <translation>The file lacks required columns: %1</translation>
    </message>
    <message>
        <source>文件缺少必需的列：卡号、姓名（card_no, name）</source>
        <translation>The file lacks required columns: card number, name (card_no, name)</translation>
    </message>
    <message>
        <source>无法写入打印文件 %1：%2</source>
        <translation>Cannot write the print file %1: %2</translation>
    </message>
    <message>
        <source>无法写入文件：%1（%2）</source>
        <translation>Cannot write the file: %1 (%2)</translation>
    </message>
    <message>
        <source>无法恢复备份：%1</source>
        <translation>Cannot restore the backup: %1</translation>
    </message>
    <message>
        <source>无法打开 Excel 文件：%1，文件可能已损坏</source>
        <translation>Cannot open the Excel file %1; it may be damaged</translation>
    </message>
    <message>
        <source>无法识别文件的文字编码，请另存为 UTF-8 或 GBK 编码的 CSV</source>
        <translation>The file's text encoding is not recognised; save it as a UTF-8 or GBK CSV</translation>
    </message>
    <message>
        <source>无法识别的历法：%1</source>
        <translation>Unknown calendar: %1</translation>
    </message>
    <message>
        <source>无法识别的历法：%1（请填“公历”或“农历”）</source>
        <translation>Unknown calendar: %1 (write "公历" for solar or "农历" for lunar)</translation>
    </message>
    <message>
        <source>无法识别的折扣：%1（可输入 10%、9折 或金额）</source>
        <translation>Unrecognised discount: %1 (enter 10%, 9折 or an amount)</translation>
    </message>
    <message>
        <source>无法识别的数量：%1</source>
        <translation>Unrecognised quantity: %1</translation>
    </message>
    <message>
        <source>无法识别的日期：%1（请写成 1990-08-15 或 08-15）</source>
        <translation>Unrecognised date: %1 (write 1990-08-15 or 08-15)</translation>
    </message>
    <message>
        <source>无法识别的金额：%1</source>
        <translation>Unrecognised amount: %1</translation>
    </message>
    <message>
        <source>无法读取文件：%1（%2）</source>
        <translation>Cannot read the file: %1 (%2)</translation>
    </message>
    <message>
        <source>无法重印：%1</source>
        <translation>Cannot reprint: %1</translation>
    </message>
    <message>
        <source>最高优惠金额必须大于零</source>
        <translation>The largest discount must be more than zero</translation>
    </message>
    <message>
        <source>月份须在 1–12 之间：%1</source>
        <translation>The month must be from 1 to 12: %1</translation>
    </message>
    <message>
        <source>有效天数必须大于零</source>
        <translation>The number of valid days must be more than zero</translation>
    </message>
    <message>
        <source>未找到优惠券：%1</source>
        <translation>Coupon not found: %1</translation>
    </message>
    <message>
        <source>未找到会员卡：%1</source>
        <translation>Member card not found: %1</translation>
    </message>
    <message>
        <source>未找到卡类型：%1</source>
        <translation>Card type not found: %1</translation>
    </message>
    <message>
        <source>未找到商品：%1</source>
        <translation>Product not found: %1</translation>
    </message>
    <message>
        <source>未找到小票：%1</source>
        <translation>Receipt not found: %1</translation>
    </message>
    <message>
        <source>未找到该优惠券</source>
        <translation>Coupon not found</translation>
    </message>
    <message>
        <source>未找到该优惠券模板</source>
        <translation>Coupon template not found</translation>
    </message>
    <message>
        <source>未找到该会员</source>
        <translation>Member not found</translation>
    </message>
    <message>
        <source>未找到该充值赠送规则</source>
        <translation>Top-up bonus rule not found</translation>
    </message>
    <message>
        <source>未找到该卡类型</source>
        <translation>Card type not found</translation>
    </message>
    <message>
        <source>未找到该商品，可能已被删除</source>
        <translation>Product not found; it may have been deleted</translation>
    </message>
    <message>
        <source>未找到该次卡</source>
        <translation>Count card not found</translation>
    </message>
    <message>
        <source>未找到该次卡套餐</source>
        <translation>Count card package not found</translation>
    </message>
    <message>
        <source>未找到该礼品</source>
        <translation>Gift not found</translation>
    </message>
    <message>
        <source>未找到该笔储值消费</source>
        <translation>Stored-value payment not found</translation>
    </message>
    <message>
        <source>未找到该笔积分记录</source>
        <translation>Points entry not found</translation>
    </message>
    <message>
        <source>未找到该笔销售，不能存零</source>
        <translation>The sale was not found; the change cannot be stored</translation>
    </message>
    <message>
        <source>未满使用门槛：需满 %1，当前 %2</source>
        <translation>Below the coupon's threshold: %1 needed, %2 now</translation>
    </message>
    <message>
        <source>未知的小票元素：%1</source>
        <translation>Unknown receipt element: %1</translation>
    </message>
    <message>
        <source>未知的清零项目：%1</source>
        <translation>Unknown item to reset: %1</translation>
    </message>
    <message>
        <source>未知的设置项：%1</source>
        <translation>Unknown setting: %1</translation>
    </message>
    <message>
        <source>未知的设置项：%1.%2</source>
        <translation>Unknown setting: %1.%2</translation>
    </message>
    <message>
        <source>未知角色：%1（可用 cashier / manager / owner）</source>
        <translation>Unknown role: %1 (use cashier / manager / owner)</translation>
    </message>
    <message>
        <source>本单找零已存入会员卡</source>
        <translation>This sale's change is already stored on the member card</translation>
    </message>
    <message>
        <source>本单没有找零，无需存零</source>
        <translation>This sale gave no change; nothing to store</translation>
    </message>
    <message>
        <source>本机缺少 %1 打印机所需的驱动库 %2，无法打印</source>
        <translation>This computer lacks the driver library %2 that %1 printers need; cannot print</translation>
    </message>
    <message>
        <source>条码已被其他商品使用：%1（%2）</source>
        <translation>The barcode is used by another product: %1 (%2)</translation>
    </message>
    <message>
        <source>条码校验位错误：%1</source>
        <translation>Wrong barcode check digit: %1</translation>
    </message>
    <message>
        <source>条码格式不正确：%1</source>
        <translation>The barcode is not valid: %1</translation>
    </message>
    <message>
        <source>条码格式须为 13 位并以两位数字开头：%1</source>
        <translation>The barcode layout must have 13 characters and start with two digits: %1</translation>
    </message>
    <message>
        <source>条码格式须含价格 P 或重量 W 之一：%1</source>
        <translation>The barcode layout must contain either the price P or the weight W: %1</translation>
    </message>
    <message>
        <source>条码格式须含商品码 I 并以校验位 C 结尾：%1</source>
        <translation>The barcode layout must contain the item code I and end with the check digit C: %1</translation>
    </message>
    <message>
        <source>条码重复填写：%1</source>
        <translation>Barcode entered twice: %1</translation>
    </message>
    <message>
        <source>标签数值超出 %1 位：%2</source>
        <translation>The label value has more than %1 digits: %2</translation>
    </message>
    <message>
        <source>次卡已存在：%1</source>
        <translation>Count card already exists: %1</translation>
    </message>
    <message>
        <source>次卡次数不足：%1 剩余 %2 次</source>
        <translation>Not enough uses on the count card: %1 has %2 left</translation>
    </message>
    <message>
        <source>次数必须大于零</source>
        <translation>The number of uses must be more than zero</translation>
    </message>
    <message>
        <source>此操作需要店长授权</source>
        <translation>This needs a manager's approval</translation>
    </message>
    <message>
        <source>没有读到卡号，请重新刷卡</source>
        <translation>No card number was read; swipe again</translation>
    </message>
    <message>
        <source>没有进行中的班次</source>
        <translation>No shift is open</translation>
    </message>
    <message>
        <source>活动开始日期不能晚于结束日期</source>
        <translation>The promotion cannot start after it ends</translation>
    </message>
    <message>
        <source>消费金额不能为负数</source>
        <translation>The amount spent cannot be negative</translation>
    </message>
    <message>
        <source>清点金额不正确</source>
        <translation>The counted amount is not valid</translation>
    </message>
    <message>
        <source>清零须填写原因</source>
        <translation>A reset needs a reason</translation>
    </message>
    <message>
        <source>满减券的减免金额必须大于零</source>
        <translation>An amount-off coupon must take off more than zero</translation>
    </message>
    <message>
        <source>用户名或密码错误</source>
        <translation>Wrong user name or PIN</translation>
    </message>
    <message>
        <source>用户名或密码错误，还可尝试 %1 次</source>
        <translation>Wrong user name or PIN; %1 tries left</translation>
    </message>
    <message>
        <source>礼品名称须为 1–40 个字</source>
        <translation>A gift name must be 1–40 characters</translation>
    </message>
    <message>
        <source>礼品已存在：%1</source>
        <translation>Gift already exists: %1</translation>
    </message>
    <message>
        <source>礼品库存不足：%1 仅剩 %2 件</source>
        <translation>Not enough gifts in stock: %1 has only %2 left</translation>
    </message>
    <message>
        <source>积分不可抵现</source>
        <translation>Points cannot pay for purchases</translation>
    </message>
    <message>
        <source>积分不足：需 %1 分，现有 %2 分</source>
        <translation>Not enough points: %1 needed, %2 held</translation>
    </message>
    <message>
        <source>积分已是零</source>
        <translation>The points are already zero</translation>
    </message>
    <message>
        <source>积分有效月数必须大于零</source>
        <translation>The months points stay valid must be more than zero</translation>
    </message>
    <message>
        <source>积分计算金额不正确</source>
        <translation>The amount for the points is not right</translation>
    </message>
    <message>
        <source>积分须为非负整数：%1</source>
        <translation>Points must be a whole number, zero or more: %1</translation>
    </message>
    <message>
        <source>称重标签商品的数量不能修改，请重新称重</source>
        <translation>A weighed label's quantity cannot be changed; weigh it again</translation>
    </message>
    <message>
        <source>称重标签商品的金额不能改价</source>
        <translation>A weighed label's amount cannot be repriced</translation>
    </message>
    <message>
        <source>纪念日名称须为 1–20 个字</source>
        <translation>An anniversary name must be 1–20 characters</translation>
    </message>
    <message>
        <source>统计周期必须大于零天</source>
        <translation>The period must be more than zero days</translation>
    </message>
    <message>
        <source>网络打印机地址不应带路径：%1</source>
        <translation>A network printer address must not have a path: %1</translation>
    </message>
    <message>
        <source>网络打印机地址应为 tcp://主机:端口：%1</source>
        <translation>A network printer address must be tcp://host:port: %1</translation>
    </message>
    <message>
        <source>网络打印机端口无效（应为 1 到 65535）：%1</source>
        <translation>Invalid network printer port (must be 1 to 65535): %1</translation>
    </message>
    <message>
        <source>设置了降级的卡类型须有保级条件</source>
        <translation>A card type that can be downgraded needs a rule to keep its level</translation>
    </message>
    <message>
        <source>该优惠券 %1 起可用</source>
        <translation>This coupon can be used from %1</translation>
    </message>
    <message>
        <source>该优惠券不属于当前会员</source>
        <translation>This coupon belongs to another member</translation>
    </message>
    <message>
        <source>该优惠券已作废</source>
        <translation>This coupon has been voided</translation>
    </message>
    <message>
        <source>该优惠券已使用</source>
        <translation>This coupon has been used</translation>
    </message>
    <message>
        <source>该优惠券已过期（%1 到期）</source>
        <translation>This coupon has expired (expired on %1)</translation>
    </message>
    <message>
        <source>该优惠券模板已过期</source>
        <translation>This coupon template has expired</translation>
    </message>
    <message>
        <source>该会员卡已过期（%1 到期）</source>
        <translation>This member card has expired (expired on %1)</translation>
    </message>
    <message>
        <source>该单已退货或作废，不能存零</source>
        <translation>The sale was refunded or voided; the change cannot be stored</translation>
    </message>
    <message>
        <source>该卡已冻结</source>
        <translation>This card is frozen</translation>
    </message>
    <message>
        <source>该卡已挂失</source>
        <translation>This card has been reported lost</translation>
    </message>
    <message>
        <source>该卡已换卡停用，请使用新卡</source>
        <translation>This card was replaced; use the new card</translation>
    </message>
    <message>
        <source>该卡未冻结</source>
        <translation>This card is not frozen</translation>
    </message>
    <message>
        <source>该卡未挂失</source>
        <translation>This card is not reported lost</translation>
    </message>
    <message>
        <source>该卡类型的积分不能抵现</source>
        <translation>Points of this card type cannot pay for purchases</translation>
    </message>
    <message>
        <source>该卡需要会员密码</source>
        <translation>This card needs the member's password</translation>
    </message>
    <message>
        <source>该商品数量须为整数</source>
        <translation>This product's quantity must be a whole number</translation>
    </message>
    <message>
        <source>该小票所在班次已交班，请办理退货</source>
        <translation>The shift of this receipt is closed; refund it instead</translation>
    </message>
    <message>
        <source>该挂单已被取走</source>
        <translation>This suspended cart was already resumed</translation>
    </message>
    <message>
        <source>该挂账已部分还款，不能作废，请办理退货</source>
        <translation>This on-account sale is partly repaid and cannot be voided; refund it instead</translation>
    </message>
    <message>
        <source>该次卡已无剩余次数</source>
        <translation>This count card has no uses left</translation>
    </message>
    <message>
        <source>该次卡已过期（%1 到期）</source>
        <translation>This count card has expired (expired on %1)</translation>
    </message>
    <message>
        <source>该次卡已退卡</source>
        <translation>This count card has been refunded</translation>
    </message>
    <message>
        <source>该班次已交班</source>
        <translation>This shift is already closed</translation>
    </message>
    <message>
        <source>该行金额为零，无法打折</source>
        <translation>This line's amount is zero; it cannot be discounted</translation>
    </message>
    <message>
        <source>该订单没有储值记录</source>
        <translation>This order has no stored-value record</translation>
    </message>
    <message>
        <source>请先刷会员卡，再使用优惠券</source>
        <translation>Swipe the member card before using a coupon</translation>
    </message>
    <message>
        <source>请先选择一行商品</source>
        <translation>Select a line first</translation>
    </message>
    <message>
        <source>请填写原因</source>
        <translation>Please give a reason</translation>
    </message>
    <message>
        <source>请填写次卡名称和服务项目</source>
        <translation>Enter the count card's name and service</translation>
    </message>
    <message>
        <source>请扫描或输入商品条码</source>
        <translation>Scan or enter a product barcode</translation>
    </message>
    <message>
        <source>请设置有效天数或截止日期（二选一）</source>
        <translation>Set either the valid days or an end date (one of the two)</translation>
    </message>
    <message>
        <source>请设置读卡器的串口（如 /dev/ttyUSB0 或 COM3）</source>
        <translation>Set the card reader's serial port (e.g. /dev/ttyUSB0 or COM3)</translation>
    </message>
    <message>
        <source>请设置顾客显示屏的串口（如 /dev/ttyUSB1 或 COM4）</source>
        <translation>Set the customer display's serial port (e.g. /dev/ttyUSB1 or COM4)</translation>
    </message>
    <message>
        <source>请输入分类名称</source>
        <translation>Enter a category name</translation>
    </message>
    <message>
        <source>请输入单位</source>
        <translation>Enter a unit</translation>
    </message>
    <message>
        <source>请输入商品名称</source>
        <translation>Enter a product name</translation>
    </message>
    <message>
        <source>请输入折扣</source>
        <translation>Enter a discount</translation>
    </message>
    <message>
        <source>请输入金额</source>
        <translation>Enter an amount</translation>
    </message>
    <message>
        <source>请选择付款方式</source>
        <translation>Choose a payment method</translation>
    </message>
    <message>
        <source>请选择要发券的会员</source>
        <translation>Choose the members to issue coupons to</translation>
    </message>
    <message>
        <source>请选择要退的商品和数量</source>
        <translation>Choose the products and quantities to refund</translation>
    </message>
    <message>
        <source>读到的内容不是卡号，请重新刷卡</source>
        <translation>What was read is not a card number; swipe again</translation>
    </message>
    <message>
        <source>读卡器波特率不正确：%1</source>
        <translation>Card reader baud rate is not valid: %1</translation>
    </message>
    <message>
        <source>读卡超时必须大于 0</source>
        <translation>The card read timeout must be more than 0</translation>
    </message>
    <message>
        <source>调整积分不能为零</source>
        <translation>The points adjustment cannot be zero</translation>
    </message>
    <message>
        <source>购物车中没有该赠品券的商品</source>
        <translation>The cart has no product this free-item coupon is for</translation>
    </message>
    <message>
        <source>购物车为空</source>
        <translation>The cart is empty</translation>
    </message>
    <message>
        <source>购物车是空的</source>
        <translation>The cart is empty</translation>
    </message>
    <message>
        <source>购物车是空的，无需挂单</source>
        <translation>The cart is empty; nothing to suspend</translation>
    </message>
    <message>
        <source>赠品券须指定商品</source>
        <translation>A free-item coupon must name the product</translation>
    </message>
    <message>
        <source>赠送金额不能为负数</source>
        <translation>The bonus cannot be negative</translation>
    </message>
    <message>
        <source>走纸行数须在 0 到 %1 之间</source>
        <translation>Paper feed lines must be from 0 to %1</translation>
    </message>
    <message>
        <source>还有 %1 位会员使用该卡类型，不能停用</source>
        <translation>%1 members still use this card type; it cannot be retired</translation>
    </message>
    <message>
        <source>还款金额必须大于零</source>
        <translation>The repayment must be more than zero</translation>
    </message>
    <message>
        <source>还款金额超过未还余额 %1</source>
        <translation>The repayment is more than the open balance of %1</translation>
    </message>
    <message>
        <source>这是一个 Excel 文件，请把扩展名改为 .xlsx 后再导入</source>
        <translation>This is an Excel file; change its extension to .xlsx and import again</translation>
    </message>
    <message>
        <source>退款超过可退金额：可退 %1，本次 %2</source>
        <translation>The refund is more than can be refunded: %1 refundable, %2 asked</translation>
    </message>
    <message>
        <source>退款金额不能为负数</source>
        <translation>The refund cannot be negative</translation>
    </message>
    <message>
        <source>退款金额必须大于零</source>
        <translation>The refund must be more than zero</translation>
    </message>
    <message>
        <source>金额不正确</source>
        <translation>The amount is not valid</translation>
    </message>
    <message>
        <source>金额不能为负数</source>
        <translation>The amount cannot be negative</translation>
    </message>
    <message>
        <source>金额必须大于零</source>
        <translation>The amount must be more than zero</translation>
    </message>
    <message>
        <source>金额最多两位小数（精确到分）</source>
        <translation>Amounts have at most two decimals (to the fen)</translation>
    </message>
    <message>
        <source>金额过大</source>
        <translation>The amount is too large</translation>
    </message>
    <message>
        <source>金额过大，上限为 %1</source>
        <translation>The amount is too large; the limit is %1</translation>
    </message>
    <message>
        <source>非现金付款合计 %1 超过应收 %2</source>
        <translation>Non-cash payments of %1 exceed the amount due of %2</translation>
    </message>
    <message>
        <source>顾客显示屏不支持这个编码：%1</source>
        <translation>The customer display does not support this encoding: %1</translation>
    </message>
    <message>
        <source>顾客显示屏宽度至少为 %1 列</source>
        <translation>The customer display must be at least %1 columns wide</translation>
    </message>
    <message>
        <source>顾客显示屏无法连接，请检查连线和电源</source>
        <translation>The customer display cannot be reached; check its cable and power</translation>
    </message>
    <message>
        <source>顾客显示屏没有响应，请检查连线和电源</source>
        <translation>The customer display does not answer; check its cable and power</translation>
    </message>
    <message>
        <source>默认卡类型不能停用，请先设置其他默认卡类型</source>
        <translation>The default card type cannot be retired; set another default card type first</translation>
    </message>
    <message>
        <source>“%1”没有管理员工的权限</source>
        <translation>"%1" may not manage staff</translation>
    </message>
    <message>
        <source>只有老板可以管理店长和老板</source>
        <translation>Only the owner manages managers and owners</translation>
    </message>
    <message>
        <source>找不到这名员工</source>
        <translation>No such member of staff</translation>
    </message>
    <message>
        <source>只有老板可以修改员工角色</source>
        <translation>Only the owner changes roles</translation>
    </message>
    <message>
        <source>“%1”已经是这个角色</source>
        <translation>"%1" already has this role</translation>
    </message>
    <message>
        <source>“%1”是唯一在职的老板，不能改为其他角色</source>
        <translation>"%1" is the only active owner and keeps the owner role</translation>
    </message>
    <message>
        <source>“%1”已经是这个状态</source>
        <translation>"%1" is already so</translation>
    </message>
    <message>
        <source>不能停用自己的账户</source>
        <translation>You cannot disable your own login</translation>
    </message>
    <message>
        <source>“%1”是唯一在职的老板，不能停用</source>
        <translation>"%1" is the only active owner and cannot be disabled</translation>
    </message>
    <message>
        <source>请填写此项</source>
        <translation>Please fill this in</translation>
    </message>
    <message>
        <source>“%1”不是整数</source>
        <translation>“%1” is not a whole number</translation>
    </message>
    <message>
        <source>不能小于 %1</source>
        <translation>Cannot be less than %1</translation>
    </message>
    <message>
        <source>“%1”不是折扣，如 9.5 表示九五折</source>
        <translation>“%1” is not a discount; 9.5 means 5% off</translation>
    </message>
    <message>
        <source>折扣须在 0.1 到 10 折之间（10 折为不打折）</source>
        <translation>A discount is from 0.1 to 10 (10 is full price)</translation>
    </message>
    <message>
        <source>日期格式应为 2026-12-01：%1</source>
        <translation>Dates are written 2026-12-01: %1</translation>
    </message>
    <message>
        <source>售价须大于零</source>
        <translation>The price must be above zero</translation>
    </message>
    <message>
        <source>会员价须大于零；不设会员价请留空</source>
        <translation>The member price must be above zero; leave it blank for none</translation>
    </message>
    <message>
        <source>会员价 %1 不能高于售价 %2</source>
        <translation>The member price %1 cannot be above the price %2</translation>
    </message>
    <message>
        <source>称重商品的单位须为重量单位（kg、千克、公斤、斤、g、克），不能是“%1”</source>
        <translation>A product sold by weight needs a weight unit (kg, 千克, 公斤, 斤, g, 克), not "%1"</translation>
    </message>
    <message>
        <source>“%1”没有管理商品的权限</source>
        <translation>"%1" may not manage products</translation>
    </message>
    <message>
        <source>已有名为“%1”的分类</source>
        <translation>There is already a category named "%1"</translation>
    </message>
    <message>
        <source>未找到该分类，可能已被删除</source>
        <translation>Category not found; it may have been deleted</translation>
    </message>
    <message>
        <source>请填写赠送商品的编码或条码</source>
        <translation>Enter the code or barcode of the free product</translation>
    </message>
    <message>
        <source>减免金额须低于使用门槛 %1，否则满额即免单</source>
        <translation>The amount off must be below the minimum spend %1, or reaching it makes the sale free</translation>
    </message>
    <message>
        <source>只有折扣券可设最高优惠金额</source>
        <translation>Only a percent-off coupon can have a most-off amount</translation>
    </message>
    <message>
        <source>优惠券名称须为 1–%1 个字</source>
        <translation>A coupon name has 1 to %1 characters</translation>
    </message>
    <message>
        <source>请设置有效天数或截止日期</source>
        <translation>Set the days it is valid or an end date</translation>
    </message>
    <message>
        <source>有效天数和截止日期只能设一个</source>
        <translation>Set either the days it is valid or an end date, not both</translation>
    </message>
    <message>
        <source>有效天数至少为 1 天</source>
        <translation>Valid for at least 1 day</translation>
    </message>
    <message>
        <source>该优惠券模板已停发：%1</source>
        <translation>This coupon is no longer issued: %1</translation>
    </message>
    <message>
        <source>使用门槛不能为负数</source>
        <translation>The minimum spend cannot be negative</translation>
    </message>
    <message>
        <source>折扣须大于 0 折、小于 10 折（如 8.5 表示八五折）</source>
        <translation>The fold must be above 0 and below 10 (8.5 means 15% off)</translation>
    </message>
    <message>
        <source>礼品名称须为 1–%1 个字</source>
        <translation>A gift name has 1 to %1 characters</translation>
    </message>
    <message>
        <source>兑换所需积分至少为 1</source>
        <translation>A gift costs at least 1 point</translation>
    </message>
    <message>
        <source>该礼品已下架：%1</source>
        <translation>This gift is retired: %1</translation>
    </message>
    <message>
        <source>数量不能为零（入库填正数，报损填负数）</source>
        <translation>The quantity cannot be zero (positive to restock, negative to write off)</translation>
    </message>
    <message>
        <source>请填写原因（如进货、破损、盘点）</source>
        <translation>Enter a reason (delivery, broken, stock count)</translation>
    </message>
    <message>
        <source>原因最多 %1 个字</source>
        <translation>A reason has at most %1 characters</translation>
    </message>
    <message>
        <source>库存不能少于零：%1 现有 %2 件</source>
        <translation>Stock cannot go below zero: %1 has %2</translation>
    </message>
    <message>
        <source>次卡名称须为 1–%1 个字</source>
        <translation>A package name has 1 to %1 characters</translation>
    </message>
    <message>
        <source>请填写每次的服务项目（如洗车），1–%1 个字</source>
        <translation>Enter what one use is (e.g. car wash), 1 to %1 characters</translation>
    </message>
    <message>
        <source>次数至少为 1</source>
        <translation>At least 1 use</translation>
    </message>
    <message>
        <source>售价必须大于零</source>
        <translation>The price must be above zero</translation>
    </message>
    <message>
        <source>有效天数至少为 1 天（不填为长期有效）</source>
        <translation>Valid for at least 1 day (blank for no expiry)</translation>
    </message>
    <message>
        <source>该次卡套餐已停售：%1</source>
        <translation>This count-card package is no longer sold: %1</translation>
    </message>
    <message>
        <source>该优惠券是“%1”的升级礼包，请先在卡类型中更换礼包再停发</source>
        <translation>This coupon is the upgrade gift of "%1"; change that card type's gift before retiring it</translation>
    </message>
    <message>
        <source>截止日期已过：%1</source>
        <translation>The end date has passed: %1</translation>
    </message>
    <message>
        <source>超出挂账额度：%1 已欠 %2，本单 %3，每人最多可欠 %4</source>
        <translation>Over the credit limit: %1 owes %2, this sale %3, at most %4 each</translation>
    </message>
    <message>
        <source>挂账请用现金、银行卡或扫码还款</source>
        <translation>Pay an on-account debt by cash, bank card or a QR payment</translation>
    </message>
    <message>
        <source>挂账到会员须先刷该会员的卡</source>
        <translation>Swipe the member's card before putting a sale on their account</translation>
    </message>
    <message>
        <source>设置挂账额度须店长授权</source>
        <translation>Setting the credit limit needs a manager's approval</translation>
    </message>
    <message>
        <source>挂账额度须在 0 到 %1 之间（0 为不限）</source>
        <translation>The credit limit must be between 0 and %1 (0: no limit)</translation>
    </message>
    <message>
        <source>%1需收办卡费 %2，请选择付款方式</source>
        <translation>%1 has a membership fee of %2: choose how it is paid</translation>
    </message>
    <message>
        <source>“%1”不是数字，如 2、1.5 或 1/3</source>
        <translation>"%1" is not a number, e.g. 2, 1.5 or 1/3</translation>
    </message>
    <message>
        <source>充值、次卡和办卡费只收现金、银行卡、微信或支付宝</source>
        <translation>Top-ups, count cards and membership fees take only cash, bank card, WeChat or Alipay</translation>
    </message>
    <message>
        <source>升级门槛须低于高一级的“%1”（%2）</source>
        <translation>The upgrade threshold must be below that of the higher level "%1" (%2)</translation>
    </message>
    <message>
        <source>升级门槛须高于低一级的“%1”（%2）</source>
        <translation>The upgrade threshold must be above that of the lower level "%1" (%2)</translation>
    </message>
    <message>
        <source>已有同样门槛、日期和卡类型的充值赠送规则：充%1</source>
        <translation>A top-up bonus rule with the same threshold, dates and card type exists: top up %1</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期</source>
        <translation>The end date cannot be before the start date</translation>
    </message>
    <message>
        <source>该卡类型已停用</source>
        <translation>This card type is already retired</translation>
    </message>
    <message>
        <source>赠送金额不能超过充值门槛 %1</source>
        <translation>The bonus cannot be more than the top-up threshold %1</translation>
    </message>
    <message>
        <source>赠送金额必须大于零</source>
        <translation>The bonus must be more than zero</translation>
    </message>
    <message>
        <source>须大于零；留空表示积分不能抵现</source>
        <translation>Must be more than zero; leave blank if points cannot pay</translation>
    </message>
    <message>
        <source>默认卡类型不能取消默认：请在另一卡类型上勾选“默认”</source>
        <translation>The default card type cannot be unmarked: tick "default" on another card type instead</translation>
    </message>
    <message>
        <source>%1–%2 年的农历没有%3</source>
        <translation>The lunar calendar of %1–%2 has no %3</translation>
    </message>
    <message>
        <source>农历%1只有 %2 天，没有%3</source>
        <translation>Lunar %1 has only %2 days, no %3</translation>
    </message>
    <message>
        <source>标签最多 %1 个字：%2</source>
        <translation>A tag has at most %1 characters: %2</translation>
    </message>
    <message>
        <source>一位会员最多 %1 个标签</source>
        <translation>A member has at most %1 tags</translation>
    </message>
    <message>
        <source>纪念日名称须为 1–%1 个字</source>
        <translation>An anniversary's name is 1–%1 characters</translation>
    </message>
    <message>
        <source>该纪念日已不存在</source>
        <translation>That anniversary no longer exists</translation>
    </message>
    <message>
        <source>闰月一栏请填 leap、leap-prefer 或留空：%1</source>
        <translation>The leap month column takes leap, leap-prefer or nothing: %1</translation>
    </message>
    <message>
        <source>生日不能晚于今天</source>
        <translation>A birthday cannot be after today</translation>
    </message>
    <message>
        <source>%1 不是收银台的备份（不是 SQLite 数据库文件），数据库没有改动</source>
        <translation>%1 is not a counter backup (not an SQLite database file); the database was not changed</translation>
    </message>
    <message>
        <source>%1 不是收银台的备份（缺少 %2 等数据表），数据库没有改动</source>
        <translation>%1 is not a counter backup (tables such as %2 are missing); the database was not changed</translation>
    </message>
    <message>
        <source>timezone 不是可用的时区名称：%1（应为如 Asia/Shanghai 的名称）</source>
        <translation>timezone is not a known time zone name: %1 (use a name such as Asia/Shanghai)</translation>
    </message>
    <message>
        <source>不能用数据库自己恢复自己：%1</source>
        <translation>A database cannot be restored from itself: %1</translation>
    </message>
    <message>
        <source>备份 %1 属于另一家门店（门店标识 %2），不是本店（%3）的：数据库没有改动。若确实要换成那家店的数据，加 --other-store 再恢复</source>
        <translation>Backup %1 belongs to another store (store id %2), not this one (%3); the database was not changed. To replace this store with that store's data, restore again with --other-store</translation>
    </message>
    <message>
        <source>备份 %1 来自更新版本的收银程序（数据版本 %2，本程序只认到 %3）：请先升级收银程序再恢复</source>
        <translation>Backup %1 comes from a newer version of the counter (data version %2; this program knows up to %3): upgrade the counter first, then restore</translation>
    </message>
    <message>
        <source>备份 %1 没有门店标识，无法确认是本店的备份：确认无误后加 --other-store 再恢复</source>
        <translation>Backup %1 has no store id, so it cannot be told to be this store's: once you are sure, restore again with --other-store</translation>
    </message>
    <message>
        <source>备份副本的 %1 表有 %2 行，数据库有 %3 行：没有备份</source>
        <translation>The backup copy holds %2 rows of table %1 and the database %3: no backup was kept</translation>
    </message>
    <message>
        <source>备份副本的数据结构版本不对（%1），没有备份</source>
        <translation>The backup copy has the wrong data version (%1): no backup was kept</translation>
    </message>
    <message>
        <source>备份副本缺少数据表（%1），没有备份</source>
        <translation>The backup copy lacks tables (%1): no backup was kept</translation>
    </message>
    <message>
        <source>备份文件已损坏（%1），数据库没有改动：%2</source>
        <translation>The backup file is damaged (%1); the database was not changed: %2</translation>
    </message>
    <message>
        <source>恢复的副本检查未通过（%1），数据库没有改动</source>
        <translation>The restored copy failed its check (%1); the database was not changed</translation>
    </message>
    <message>
        <source>收银台已经在这台电脑上打开（数据目录 %1）：同一份数据只能开一个收银窗口，请切换到已打开的窗口</source>
        <translation>The counter is already open on this computer (data directory %1): one window at a time may use the same data; switch to the open window</translation>
    </message>
    <message>
        <source>收银数据库 %1 已损坏（%2），收银台不使用它。没有找到完好的备份：请保留这个文件，联系技术支持</source>
        <translation>The counter database %1 is damaged (%2) and will not be used. No good backup was found: keep this file and contact support</translation>
    </message>
    <message>
        <source>收银数据库 %1 已损坏（%2），收银台不使用它。请用最近的完好备份恢复：python main.py restore %3</source>
        <translation>The counter database %1 is damaged (%2) and will not be used. Restore the last good backup: python main.py restore %3</translation>
    </message>
    <message>
        <source>收银数据库 %1 来自更新版本的收银程序（数据版本 %2，本程序只认到 %3）：请升级收银程序</source>
        <translation>The counter database %1 comes from a newer version of the counter (data version %2; this program knows up to %3): upgrade the counter</translation>
    </message>
    <message>
        <source>收银数据库已损坏（%1），这一步没有保存：请关闭收银台，用最近的完好备份恢复（python main.py restore）</source>
        <translation>The counter database is damaged (%1) and this step was not saved: close the counter and restore the last good backup (python main.py restore)</translation>
    </message>
    <message>
        <source>收银窗口正在使用数据目录 %1：请先关闭收银窗口，再恢复备份</source>
        <translation>A cashier window is using the data directory %1: close it first, then restore</translation>
    </message>
    <message>
        <source>数据库文件无效，没有备份：%1</source>
        <translation>The database file is not valid; no backup was made: %1</translation>
    </message>
    <message>
        <source>数据库检查未通过（%1），今天没有备份；之前的完好备份都还在，最近的是 %2</source>
        <translation>The database failed its check (%1): no backup today; the earlier good backups are all kept, the newest is %2</translation>
    </message>
    <message>
        <source>数据目录 %1 里没有收银数据。若目录不对，请用 --data-dir 或 POS_DATA_DIR 指定正确的目录；若数据丢失，请用 python main.py restore 从备份恢复（最近的完好备份：%2）；新开的店请先用 python main.py add-staff 姓名 owner 添加店主，或用 python main.py demo 试用演示门店</source>
        <translation>There is no counter data in the data directory %1. If it is the wrong directory, name the right one with --data-dir or POS_DATA_DIR; if the data was lost, restore it with python main.py restore (last good backup: %2); a new store first adds its owner with python main.py add-staff NAME owner, or tries the demo store with python main.py demo</translation>
    </message>
    <message>
        <source>数据目录 %1 里的收银数据还没有员工账号，无法登录：请先用 python main.py add-staff 姓名 owner 添加店主（试用请在空的数据目录运行 python main.py demo）</source>
        <translation>The counter data in %1 has no staff accounts yet, so nobody can log in: add the owner first with python main.py add-staff NAME owner (to try the demo, run python main.py demo in an empty data directory)</translation>
    </message>
    <message>
        <source>无法恢复备份（数据库没有改动）：%1</source>
        <translation>The backup could not be restored (the database was not changed): %1</translation>
    </message>
    <message>
        <source>磁盘空间已满，今天没有备份：请清理磁盘后再备份</source>
        <translation>The disk is full: no backup today; free some space and back up again</translation>
    </message>
    <message>
        <source>磁盘空间已满，这一步没有保存：请清理磁盘后重试</source>
        <translation>The disk is full: this step was not saved; free some space and try again</translation>
    </message>
    <message>
        <source>营业日倒退：今天是 %1，会员日结已做到 %2。请核对电脑的日期和时间；会员日结暂停，收银照常</source>
        <translation>The business day went backwards: today is %1, but the member upkeep has already run for %2. Please check the computer's date and time; the member upkeep is paused, selling goes on</translation>
    </message>
    <message>
        <source>营业日倒退：今天是 %1，最新一笔销售却在 %2。请核对电脑的日期和时间；会员日结暂停，收银照常</source>
        <translation>The business day went backwards: today is %1, but the newest sale is on %2. Please check the computer's date and time; the member upkeep is paused, selling goes on</translation>
    </message>
    <message>
        <source>会员日结没有晚于今天（%1）的记录，无需校正</source>
        <translation>The member upkeep has no run after today (%1): nothing to correct</translation>
    </message>
    <message>
        <source>只有“已发送，未确认”的任务需要确认出纸</source>
        <translation>Only a job that was sent but not confirmed needs confirming</translation>
    </message>
    <message>
        <source>CSV 文件第 %1 行格式有误：引号不成对，或一格过长</source>
        <translation>Line %1 of the CSV file is malformed: a quote is not closed, or a cell is too long</translation>
    </message>
    <message>
        <source>第 %1 行不是 UTF-8 编码，而文件其余部分是 UTF-8：请把整个文件另存为同一种编码（UTF-8 或 GBK）后再导入</source>
        <translation>Line %1 is not UTF-8 while the rest of the file is: save the whole file in one encoding (UTF-8 or GBK) and import it again</translation>
    </message>
    <message>
        <source>第 %1 行是 UTF-8 编码，而文件其余部分是 GBK：请把整个文件另存为同一种编码（UTF-8 或 GBK）后再导入</source>
        <translation>Line %1 is UTF-8 while the rest of the file is GBK: save the whole file in one encoding (UTF-8 or GBK) and import it again</translation>
    </message>
    <message>
        <source>无法识别文件的文字编码：第 %1 行既不是 UTF-8 也不是 GBK，请另存为 UTF-8 或 GBK 编码的 CSV</source>
        <translation>The file's text encoding is not recognised: line %1 is neither UTF-8 nor GBK. Save it as a UTF-8 or GBK CSV</translation>
    </message>
    <message>
        <source>第 %1 行过长（超过 %2 个字），不像是一条记录：请检查文件</source>
        <translation>Line %1 is too long (over %2 characters) to be a record: please check the file</translation>
    </message>
    <message>
        <source>无法打开 Excel 文件：%1，文件可能已损坏或不是 Excel 文件</source>
        <translation>Cannot open the Excel file %1: it may be damaged or not an Excel file</translation>
    </message>
    <message>
        <source>积分过大：%1（上限 %2）</source>
        <translation>Points too large: %1 (at most %2)</translation>
    </message>
    <message>
        <source>卡号与第 %1 行重复：%2</source>
        <translation>Card number repeats line %1: %2</translation>
    </message>
    <message>
        <source>手机号与第 %1 行重复</source>
        <translation>Phone number repeats line %1</translation>
    </message>
    <message>
        <source>第 %1 行的卡号或手机号刚在收银台被使用：这一行之前的会员已导入，这一行起没有导入</source>
        <translation>The card number or phone on line %1 was just used at the counter: the members before that line are imported, none from it on</translation>
    </message>
    <message>
        <source>已发送，打印机未确认收到：请看是否出纸，没有出纸再重印</source>
        <translation>Sent, but the printer did not confirm it: check whether it came out and reprint if not</translation>
    </message>
    <message>
        <source>发送中断，小票可能只打印了一部分：请看是否出纸，不完整再重印</source>
        <translation>Sending broke off: the receipt may be only partly printed. Check it and reprint if incomplete</translation>
    </message>
    <message>
        <source>打印中缺纸，小票可能不完整：装纸后请看是否需要重印</source>
        <translation>The paper ran out while printing: the receipt may be incomplete. Load paper and check whether to reprint</translation>
    </message>
    <message>
        <source>已发送；该打印机不回答状态查询，无法确认是否打印</source>
        <translation>Sent; this printer does not answer status queries, so printing cannot be confirmed</translation>
    </message>
    <message>
        <source>打印机正常</source>
        <translation>Printer ready</translation>
    </message>
    <message>
        <source>打印纸快用完</source>
        <translation>Paper nearly out</translation>
    </message>
    <message>
        <source>打印机缺纸</source>
        <translation>Printer out of paper</translation>
    </message>
    <message>
        <source>打印机未连接</source>
        <translation>Printer not connected</translation>
    </message>
    <message>
        <source>打印机状态未知</source>
        <translation>Printer status unknown</translation>
    </message>
    <message>
        <source>打印机不回答状态查询，状态未知</source>
        <translation>The printer does not answer status queries: status unknown</translation>
    </message>
    <message>
        <source>没有设置打印机，小票不会打印出来</source>
        <translation>No printer is set up: receipts will not print</translation>
    </message>
    <message>
        <source>售价：%1</source>
        <translation>Price: %1</translation>
    </message>
    <message>
        <source>进价：%1</source>
        <translation>Cost: %1</translation>
    </message>
    <message>
        <source>会员价：%1</source>
        <translation>Member price: %1</translation>
    </message>
    <message>
        <source>条码被显示成了科学计数法：%1，请把条码列设为“文本”后重新保存</source>
        <translation>The barcode shows in scientific notation: %1. Format the barcode column as text and save again</translation>
    </message>
    <message>
        <source>缺少条码</source>
        <translation>No barcode</translation>
    </message>
    <message>
        <source>缺少商品名称</source>
        <translation>No product name</translation>
    </message>
    <message>
        <source>缺少售价</source>
        <translation>No price</translation>
    </message>
    <message>
        <source>条码与第 %1 行重复：%2</source>
        <translation>The barcode repeats line %1: %2</translation>
    </message>
    <message>
        <source>商品编码已被其他商品使用：%1</source>
        <translation>The product code is used by another product: %1</translation>
    </message>
    <message>
        <source>授权无效：须由授权人当场输入密码</source>
        <translation>Approval not valid: the approver must type their PIN at the counter</translation>
    </message>
    <message>
        <source>此授权已经用过，请重新授权</source>
        <translation>This approval has been used; please approve again</translation>
    </message>
    <message>
        <source>授权已过期（两分钟内有效），请重新授权</source>
        <translation>The approval has expired (it lasts two minutes); please approve again</translation>
    </message>
    <message>
        <source>会员密码须当场输入</source>
        <translation>The member's password must be typed at the counter</translation>
    </message>
    <message>
        <source>会员密码已用于一笔付款，请重新输入</source>
        <translation>The member's password was used for a payment; please type it again</translation>
    </message>
    <message>
        <source>会员密码已过期，请重新输入</source>
        <translation>The member's password has expired; please type it again</translation>
    </message>
    <message>
        <source>会员密码不是这位会员的，请重新输入</source>
        <translation>That password was checked for another member; please type it again</translation>
    </message>
    <message>
        <source>此授权是“%1”的，不能用于“%2”</source>
        <translation>This approval is for “%1” and cannot be used for “%2”</translation>
    </message>
    <message>
        <source>“%1”没有授权“%2”的权限</source>
        <translation>“%1” may not approve “%2”</translation>
    </message>
    <message>
        <source>此授权不是为当前收银员的操作所给</source>
        <translation>This approval was not given for the cashier now logged in</translation>
    </message>
    <message>
        <source>“%1”的授权密码错误次数过多，请 %2 分钟后再试</source>
        <translation>Too many wrong approval PINs for “%1”; try again in %2 minutes</translation>
    </message>
    <message>
        <source>授权密码错误次数过多，“%1”%2 分钟内不能授权</source>
        <translation>Too many wrong approval PINs: “%1” cannot approve for %2 minutes</translation>
    </message>
    <message>
        <source>请店长输入密码授权</source>
        <translation>A manager must type their PIN to approve</translation>
    </message>
    <message>
        <source>购物车中的改价没有有效的店长授权，请重新改价</source>
        <translation>A price change in the cart has no valid manager approval; change the price again</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>审计密钥文件 %1 无法读取：%2</source>
        <translation>The audit key file %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>审计密钥文件 %1 里不是审计密钥</source>
        <translation>The audit key file %1 does not hold an audit key</translation>
    </message>
    <message>
        <source>第 %1 条：缺少第 %2 条起的记录</source>
        <translation>Entry %1: the entries from %2 on are missing</translation>
    </message>
    <message>
        <source>第 %1 条：与上一条记录的链接不符</source>
        <translation>Entry %1: its link to the entry before it does not match</translation>
    </message>
    <message>
        <source>第 %1 条：内容已被修改</source>
        <translation>Entry %1: its content was changed</translation>
    </message>
    <message>
        <source>链头文件 %1 不见了：无法确认最新的记录没有被删除</source>
        <translation>The chain head file %1 is missing: it cannot be confirmed that the newest entries were not deleted</translation>
    </message>
    <message>
        <source>链头文件 %1 已损坏：无法确认最新的记录没有被删除</source>
        <translation>The chain head file %1 is damaged: it cannot be confirmed that the newest entries were not deleted</translation>
    </message>
    <message>
        <source>审计密钥文件 %1 不见了：第 %2 至 %3 条记录无法核对。请从原来的数据目录或其备份处找回这个文件</source>
        <translation>The audit key file %1 is missing: entries %2 to %3 cannot be checked. Bring the file back from the original data directory or from where it was backed up</translation>
    </message>
    <message>
        <source>第 %1 至 %2 条记录是用另一把审计密钥记下的，%3 里不是那把密钥，无法核对。请找回当时的 audit.key</source>
        <translation>Entries %1 to %2 were chained with another audit key, not the one in %3, and cannot be checked. Bring back the audit.key of that time</translation>
    </message>
    <message>
        <source>最新的 %1 条记录不见了：链头记到第 %2 条，日志只到第 %3 条（若是手工用备份替换了数据库，请改用 python main.py restore）</source>
        <translation>The newest %1 entries are missing: the chain head reaches entry %2, the log only entry %3 (if the database was replaced with a backup by hand, use python main.py restore instead)</translation>
    </message>
    <message>
        <source>第 %1 条与链头不符：它或它之前的记录被改过并重新计算了哈希</source>
        <translation>Entry %1 does not match the chain head: it or an entry before it was changed and hashed again</translation>
    </message>
    <message>
        <source>数据库里没有密钥起点的记录，链头记的是第 %1 条：密钥记录被删除了</source>
        <translation>The database has no record of where the keyed chain starts, the chain head says entry %1: the key record was deleted</translation>
    </message>
    <message>
        <source>数据库里记的密钥起点（第 %1 条）与链头记的（第 %2 条）不符：密钥记录被改过</source>
        <translation>The keyed chain starts at entry %1 in the database but at entry %2 in the chain head: the key record was changed</translation>
    </message>
    <message>
        <source>小票 %1：金额 %2 与原价减折扣、抹零后的 %3 不符</source>
        <translation>Receipt %1: the total %2 differs from %3, the price less its discounts and rounding</translation>
    </message>
    <message>
        <source>小票 %1：金额 %2 与各行金额合计 %3 不符</source>
        <translation>Receipt %1: the total %2 differs from the sum of its lines, %3</translation>
    </message>
    <message>
        <source>小票 %1：金额 %2 与付款合计 %3 不符</source>
        <translation>Receipt %1: the total %2 differs from the sum of its payments, %3</translation>
    </message>
    <message>
        <source>审计记录第 %1 条记下的小票 %2 不在订单中：订单被删除了</source>
        <translation>Audit entry %1 records receipt %2, which is not among the orders: the order was deleted</translation>
    </message>
    <message>
        <source>上报事件 %1（第 %2 号）记下的订单 %3 不在订单中：订单被删除了</source>
        <translation>Head-office event %1 (no. %2) records order %3, which is not among the orders: the order was deleted</translation>
    </message>
    <message>
        <source>销售日报汇总 %1 与当天订单不符：报表里这一天的数会错</source>
        <translation>The daily sales totals of %1 differ from that day's orders: the reports would show that day wrong</translation>
    </message>
    <message>
        <source>分时段销售汇总 %1 与当时订单不符：按时段报表会错</source>
        <translation>The hourly sales totals %1 differ from that hour's orders: the report by hour would be wrong</translation>
    </message>
    <message>
        <source>收银员销售汇总 %1 与当天订单不符：按收银员报表会错</source>
        <translation>The cashier's sales totals %1 differ from that day's orders: the report by cashier would be wrong</translation>
    </message>
    <message>
        <source>收款方式汇总 %1 与当天付款不符：报表里这一天的收款会错</source>
        <translation>The tender totals %1 differ from that day's payments: the reports would show those takings wrong</translation>
    </message>
    <message>
        <source>商品日汇总 %1 与当天订单明细不符：商品报表会错</source>
        <translation>The product totals of day %1 differ from that day's order lines: the product reports would be wrong</translation>
    </message>
    <message>
        <source>商品月汇总 %1 与当月订单明细不符：商品报表会错</source>
        <translation>The product totals of month %1 differ from that month's order lines: the product reports would be wrong</translation>
    </message>
    <message>
        <source>小票 %1：没有它的审计记录</source>
        <translation>Receipt %1: it has no audit entry</translation>
    </message>
    <message>
        <source>小票 %1：金额 %2 与审计记录（第 %3 条）记下的 %4 不符</source>
        <translation>Receipt %1: the total %2 differs from %4, recorded by audit entry %3</translation>
    </message>
    <message>
        <source>小票 %1：没有它上报总部的事件</source>
        <translation>Receipt %1: it has no event for the head office</translation>
    </message>
    <message>
        <source>小票 %1：上报事件 %2（第 %3 号）没有金额</source>
        <translation>Receipt %1: head-office event %2 (no. %3) carries no total</translation>
    </message>
    <message>
        <source>小票 %1：金额 %2 与上报事件 %3（第 %4 号）记下的 %5 不符</source>
        <translation>Receipt %1: the total %2 differs from %5, recorded by head-office event %3 (no. %4)</translation>
    </message>
    <message>
        <source>会员 %1（卡号 %2）：储值本金记为 %3，按流水应为 %4</source>
        <translation>Member %1 (card %2): the principal is recorded as %3, its ledger says %4</translation>
    </message>
    <message>
        <source>会员 %1（卡号 %2）：赠送金记为 %3，按流水应为 %4</source>
        <translation>Member %1 (card %2): the bonus is recorded as %3, its ledger says %4</translation>
    </message>
    <message>
        <source>会员 %1（卡号 %2）：积分记为 %3，按流水应为 %4</source>
        <translation>Member %1 (card %2): the points are recorded as %3, their ledger says %4</translation>
    </message>
    <message>
        <source>会员 %1（卡号 %2）：累计消费记为 %3，按流水应为 %4</source>
        <translation>Member %1 (card %2): the total spend is recorded as %3, its ledger says %4</translation>
    </message>
    <message>
        <source>会员 %1（卡号 %2）：到店次数记为 %3，按流水应为 %4</source>
        <translation>Member %1 (card %2): the visits are recorded as %3, their ledger says %4</translation>
    </message>
    <message>
        <source>次卡 %1：剩余次数记为 %2，按流水应为 %3</source>
        <translation>Count card %1: the uses left are recorded as %2, its ledger says %3</translation>
    </message>
    <message>
        <source>礼品 %1：库存记为 %2，按流水应为 %3</source>
        <translation>Gift %1: the stock is recorded as %2, its ledger says %3</translation>
    </message>
    <message>
        <source>[headoffice] 缺少 %1（请粘贴总部 add-store 给出的整节设置）</source>
        <translation>[headoffice] is missing %1 (paste the whole table the head office's add-store printed)</translation>
    </message>
    <message>
        <source>headoffice.url 应为 http:// 或 https:// 开头的地址：%1</source>
        <translation>headoffice.url must be an address starting with http:// or https://: %1</translation>
    </message>
    <message>
        <source>headoffice.secret 应至少 %1 个字符（请粘贴总部给出的密钥）</source>
        <translation>headoffice.secret must have at least %1 characters (paste the secret the head office gave)</translation>
    </message>
    <message>
        <source>总部无法连接：%1</source>
        <translation>The head office cannot be reached: %1</translation>
    </message>
    <message>
        <source>总部暂时无法处理（%1），稍后重试</source>
        <translation>The head office cannot take it now (%1); trying again later</translation>
    </message>
    <message>
        <source>总部拒绝了请求：%1</source>
        <translation>The head office refused the request: %1</translation>
    </message>
    <message>
        <source>总部的回复无法读取：%1</source>
        <translation>The head office's reply cannot be read: %1</translation>
    </message>
    <message>
        <source>总部已收到本机第 %1 条记录，本机只有 %2 条：本机数据可能从旧备份恢复，请联系总部</source>
        <translation>The head office has record %1 of this counter, which has only %2: this counter's data may have been restored from an older backup; call the head office</translation>
    </message>
    <message>
        <source>总部要求从第 %1 条起发送，本机无法接续：%2</source>
        <translation>The head office asks for records from %1 on, which this counter cannot continue: %2</translation>
    </message>
    <message>
        <source>第 %1 条记录与已发送的内容不同，停止发送：请联系总部</source>
        <translation>Record %1 differs from what was sent; sending stopped: call the head office</translation>
    </message>
    <message>
        <source>总部未授权：%1</source>
        <translation>The head office did not authorise it: %1</translation>
    </message>
    <message>
        <source>总部已将此会员列入黑名单，离线时不能使用储值或积分</source>
        <translation>The head office has put this member on the hot-list: no stored value or points while offline</translation>
    </message>
    <message>
        <source>总部离线，此会员的资料已 %1 小时未更新（上限 %2 小时），不能使用储值或积分</source>
        <translation>The head office is offline and this member's data is %1 hours old (at most %2): no stored value or points</translation>
    </message>
    <message>
        <source>总部离线，单笔储值消费不能超过 %1</source>
        <translation>The head office is offline: at most %1 of stored value per payment</translation>
    </message>
    <message>
        <source>总部离线，本机未同步的储值消费已达 %1，合计上限 %2</source>
        <translation>The head office is offline: this counter has spent %1 of members' stored value not yet synced, at most %2 in all</translation>
    </message>
    <message>
        <source>总部离线，此会员今日在本机已用储值 %1，每日上限 %2</source>
        <translation>The head office is offline: this member has spent %1 of stored value here today, at most %2 a day</translation>
    </message>
    <message>
        <source>总部离线，新得的积分须经总部确认后才能使用：可用积分 %1</source>
        <translation>The head office is offline: new points can be used once it confirms them; points available: %1</translation>
    </message>
    <message>
        <source>请输入商品条码、编码或名称</source>
        <translation>Enter a barcode, code or product name</translation>
    </message>
    <message>
        <source>“%1”不计库存</source>
        <translation>"%1" does not keep stock</translation>
    </message>
    <message>
        <source>第 %1 行（%2）：%3</source>
        <translation>Line %1 (%2): %3</translation>
    </message>
    <message>
        <source>未找到该商品，请重新选择</source>
        <translation>Product not found; choose it again</translation>
    </message>
    <message>
        <source>数量须大于零</source>
        <translation>The quantity must be above zero</translation>
    </message>
    <message>
        <source>请输入进价或金额</source>
        <translation>Enter the unit cost or the line amount</translation>
    </message>
    <message>
        <source>“%1”库存只有 %2，不能退 %3</source>
        <translation>Only %2 of "%1" in stock; cannot return %3</translation>
    </message>
    <message>
        <source>请输入供应商</source>
        <translation>Enter the supplier</translation>
    </message>
    <message>
        <source>供应商名称过长（最多 %1 个字）</source>
        <translation>Supplier name too long (at most %1 characters)</translation>
    </message>
    <message>
        <source>备注过长（最多 %1 个字）</source>
        <translation>Note too long (at most %1 characters)</translation>
    </message>
    <message>
        <source>请至少添加一行商品</source>
        <translation>Add at least one line</translation>
    </message>
    <message>
        <source>请至少盘点一个商品</source>
        <translation>Count at least one product</translation>
    </message>
    <message>
        <source>盘点数量不能为负数</source>
        <translation>A counted quantity cannot be negative</translation>
    </message>
    <message>
        <source>请选择盘点差异原因</source>
        <translation>Choose the reason for the difference</translation>
    </message>
    <message>
        <source>同一商品只能盘点一次</source>
        <translation>A product can be counted only once</translation>
    </message>
    <message>
        <source>预警库存不能为负数</source>
        <translation>The reorder point cannot be negative</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>生成演示数据的进程意外退出，未写入任何数据</source>
        <translation>The process making the demo data stopped unexpectedly; nothing was written</translation>
    </message>
    <message>
        <source>生成演示数据失败，未写入任何数据：%1</source>
        <translation>Making the demo data failed; nothing was written: %1</translation>
    </message>
    <message>
        <source>数据目录中已有数据：演示历史只能写入空的数据目录</source>
        <translation>The data directory already holds data: a demo history is written only into an empty data directory</translation>
    </message>
    <message>
        <source>会员数应在 1 到 5000000 之间</source>
        <translation>The number of members must be from 1 to 5000000</translation>
    </message>
    <message>
        <source>天数应在 1 到 3660 之间</source>
        <translation>The number of days must be from 1 to 3660</translation>
    </message>
    <message>
        <source>分群条件 %1 须为不小于零的整数</source>
        <translation>Threshold %1 must be a whole number of zero or more</translation>
    </message>
    <message>
        <source>分群条件 %1 至少为 1，否则该分群永远为空</source>
        <translation>Threshold %1 must be at least 1, or its group would always be empty</translation>
    </message>
    <message>
        <source>百分比 %1 须在 1 到 100 之间</source>
        <translation>Percentage %1 must be from 1 to 100</translation>
    </message>
    <message>
        <source>忠诚会员的“最近未消费天数”须小于统计天数，否则该分群永远为空</source>
        <translation>Loyal members' quiet days must be fewer than their window, or the group would always be empty</translation>
    </message>
    <message>
        <source>忠诚会员的最少消费次数不能大于最多次数，否则该分群永远为空</source>
        <translation>Loyal members' least purchases cannot exceed their most, or the group would always be empty</translation>
    </message>
    <message>
        <source>沉默会员的统计天数过长</source>
        <translation>Silent members' window is too long</translation>
    </message>
    <message>
        <source>日期 %1 在未来（今天是 %2）</source>
        <translation>%1 is in the future (today is %2)</translation>
    </message>
    <message>
        <source>本店还没有任何销售，无法计算分群和指标</source>
        <translation>This store has no sales yet: there are no groups or metrics to compute</translation>
    </message>
    <message>
        <source>开始日期 %1 晚于结束日期 %2，范围是空的</source>
        <translation>The start %1 is after the end %2: the range is empty</translation>
    </message>
    <message>
        <source>不认识的分群条件：%1（应为 名称=数值，名称见 docs/analytics.md 的 Thresholds）</source>
        <translation>Unknown threshold: %1 (write NAME=NUMBER; the names are in docs/analytics.md, Thresholds)</translation>
    </message>
    <message>
        <source>分群条件 %1 须为不小于零的整数：%2</source>
        <translation>Threshold %1 must be a whole number, zero or more: %2</translation>
    </message>
    <message>
        <source>开始日期 %1 晚于结束日期 %2：期间为空</source>
        <translation>The start date %1 is after the end date %2: the period is empty</translation>
    </message>
    <message>
        <source>所选期间从 %1 开始，还没有到来（今天是 %2）</source>
        <translation>The period starts on %1, which has not come yet (today is %2)</translation>
    </message>
    <message>
        <source>没有卡号为 %1 的会员</source>
        <translation>No member has the card number %1</translation>
    </message>
    <message>
        <source>只能导出为 CSV 或 Excel（.xlsx）文件：%1</source>
        <translation>Reports export only to CSV or Excel (.xlsx) files: %1</translation>
    </message>
    <message>
        <source>文件夹不存在：%1</source>
        <translation>The folder does not exist: %1</translation>
    </message>
    <message>
        <source>无法写入文件 %1：%2</source>
        <translation>Cannot write the file %1: %2</translation>
    </message>
    <message>
        <source>请输入会员卡号</source>
        <translation>Enter the member's card number</translation>
    </message>
    <message>
        <source>没有这个赠品：%1</source>
        <translation>No such gift: %1</translation>
    </message>
    <message>
        <source>没有可用的员工赠券：%1</source>
        <translation>No such staff coupon: %1</translation>
    </message>
    <message>
        <source>时间格式应为 09:00：%1</source>
        <translation>Times are written like 09:00: %1</translation>
    </message>
    <message>
        <source>请输入数字，用逗号分开：%1</source>
        <translation>Enter numbers separated by commas: %1</translation>
    </message>
    <message>
        <source>请输入百分比，如 10 表示减 10%</source>
        <translation>Enter a percent: 10 means 10% off</translation>
    </message>
    <message>
        <source>“%1”的数量不对：%2</source>
        <translation>Wrong quantity for “%1”: %2</translation>
    </message>
    <message>
        <source>与促销“%1”重叠（同类、同商品、同时段且都不叠加）：请改时段或设为可叠加</source>
        <translation>Overlaps promotion “%1” (same kind, same goods, same time, neither stacks): change the times or let it stack</translation>
    </message>
    <message>
        <source>会员“%1”已在促销黑名单中</source>
        <translation>Member “%1” is already on the promotion blacklist</translation>
    </message>
    <message>
        <source>会员日只对会员</source>
        <translation>A member day is for members only</translation>
    </message>
    <message>
        <source>会员日须选择星期几或每月几号</source>
        <translation>A member day needs a weekday or a day of the month</translation>
    </message>
    <message>
        <source>促销“%1”中有不存在的商品</source>
        <translation>Promotion “%1” names a product that does not exist</translation>
    </message>
    <message>
        <source>促销“%1”会低于成本价销售，已按成本价 %2 计（店长批准的促销除外）</source>
        <translation>Promotion “%1” would sell below cost; priced at cost %2 (unless a manager approved it)</translation>
    </message>
    <message>
        <source>促销“%1”已停用</source>
        <translation>Promotion “%1” is retired</translation>
    </message>
    <message>
        <source>促销“%1”已停用，不能修改</source>
        <translation>Promotion “%1” is retired and cannot be changed</translation>
    </message>
    <message>
        <source>促销“%1”已结束，本单仍按开单时的优惠计</source>
        <translation>Promotion “%1” has ended; this sale keeps the price it started with</translation>
    </message>
    <message>
        <source>促销“%1”没有适用的商品：请选择商品或分类</source>
        <translation>Promotion “%1” applies to no products: choose products or categories</translation>
    </message>
    <message>
        <source>促销“%1”的赠品库存不足，本单无法赠送</source>
        <translation>The gift of promotion “%1” is out of stock; no gift on this sale</translation>
    </message>
    <message>
        <source>促销名称最多 %1 个字</source>
        <translation>A promotion name has at most %1 characters</translation>
    </message>
    <message>
        <source>员工赠券“%1”不与其他优惠同享，本单未使用</source>
        <translation>Staff coupon “%1” does not combine with other offers; not used on this sale</translation>
    </message>
    <message>
        <source>员工赠券“%1”今天已用满 %2 张（每位收银员每天）</source>
        <translation>Staff coupon “%1”: all %2 of today's coupons are used (per cashier per day)</translation>
    </message>
    <message>
        <source>员工赠券不在有效期内或不适用于本单</source>
        <translation>The staff coupon is not valid now or not for this sale</translation>
    </message>
    <message>
        <source>员工赠券须设减免金额或折扣比例之一</source>
        <translation>A staff coupon needs either an amount off or a percent off</translation>
    </message>
    <message>
        <source>员工赠券须设每人每天的限额</source>
        <translation>A staff coupon needs a daily limit per cashier</translation>
    </message>
    <message>
        <source>多件优惠至少 2 件</source>
        <translation>A multi-buy needs at least 2 items</translation>
    </message>
    <message>
        <source>新人礼包须赠积分、优惠券或储值</source>
        <translation>A sign-up gift gives points, a coupon or stored value</translation>
    </message>
    <message>
        <source>无法识别的商品：%1（应为 条码 或 条码*数量）</source>
        <translation>Cannot read item: %1 (use CODE or CODE*QTY)</translation>
    </message>
    <message>
        <source>时段不正确：开始时间须早于结束时间</source>
        <translation>Wrong hours: the start must be before the end</translation>
    </message>
    <message>
        <source>时间格式不对，应为 YYYY-MM-DD HH:MM：%1</source>
        <translation>Wrong time format, use YYYY-MM-DD HH:MM: %1</translation>
    </message>
    <message>
        <source>星期须在 1（周一）到 7（周日）之间</source>
        <translation>Weekdays are 1 (Monday) to 7 (Sunday)</translation>
    </message>
    <message>
        <source>未找到该促销</source>
        <translation>Promotion not found</translation>
    </message>
    <message>
        <source>本单商品都在不与优惠券同享的促销中，优惠券不可用</source>
        <translation>Every item is on a promotion that does not combine with coupons; the coupon cannot be used</translation>
    </message>
    <message>
        <source>每位会员限用次数必须大于零</source>
        <translation>The per-member limit must be more than zero</translation>
    </message>
    <message>
        <source>每月日期须在 1 到 31 之间</source>
        <translation>Days of the month are 1 to 31</translation>
    </message>
    <message>
        <source>满减封顶金额不能少于一次的减免</source>
        <translation>The cap cannot be less than one step's amount off</translation>
    </message>
    <message>
        <source>满减的减免金额不能超过门槛</source>
        <translation>The amount off cannot exceed the threshold</translation>
    </message>
    <message>
        <source>满减须有门槛和减免金额</source>
        <translation>Spend-and-save needs a threshold and an amount off</translation>
    </message>
    <message>
        <source>满赠须有门槛金额</source>
        <translation>A spend-and-get gift needs a threshold</translation>
    </message>
    <message>
        <source>特价低于“%1”的成本价：须店长确认“允许低于成本”</source>
        <translation>The special price is below the cost of “%1”: a manager must confirm “allow below cost”</translation>
    </message>
    <message>
        <source>生日特权只对会员</source>
        <translation>A birthday privilege is for members only</translation>
    </message>
    <message>
        <source>积分倍数须在 1 到 10 之间</source>
        <translation>The points multiplier is 1 to 10</translation>
    </message>
    <message>
        <source>第 N 件的折扣须在 0 到 100% 之间</source>
        <translation>The N-th item's price is 0 to 100%</translation>
    </message>
    <message>
        <source>该会员不在促销黑名单中</source>
        <translation>This member is not on the promotion blacklist</translation>
    </message>
    <message>
        <source>请至少给出一件商品</source>
        <translation>Give at least one item</translation>
    </message>
    <message>
        <source>请设置折扣、赠品或积分倍数</source>
        <translation>Set a discount, a gift or a points multiplier</translation>
    </message>
    <message>
        <source>请输入 N 件的价格或第 N 件的折扣</source>
        <translation>Enter the price of N items or the N-th item's discount</translation>
    </message>
    <message>
        <source>请输入促销名称</source>
        <translation>Enter the promotion's name</translation>
    </message>
    <message>
        <source>请输入折扣比例</source>
        <translation>Enter the percent off</translation>
    </message>
    <message>
        <source>请输入特价</source>
        <translation>Enter the special price</translation>
    </message>
    <message>
        <source>请输入立减金额</source>
        <translation>Enter the amount off</translation>
    </message>
    <message>
        <source>请选择赠品</source>
        <translation>Choose the gift</translation>
    </message>
    <message>
        <source>请选择适用的会员卡类型</source>
        <translation>Choose the card types it applies to</translation>
    </message>
    <message>
        <source>赠品“%1”库存不足，请换赠品或取消赠送</source>
        <translation>Gift “%1” is out of stock: choose another gift or give none</translation>
    </message>
    <message>
        <source>赠品数量必须大于零</source>
        <translation>The gift quantity must be more than zero</translation>
    </message>
    <message>
        <source>退货后不再满足满减，应扣回 %1，不少于退款 %2：请整单退货</source>
        <translation>After this return the spend-and-save no longer holds: %1 must be taken back, no less than the refund of %2; return the whole sale</translation>
    </message>
    <message>
        <source>退货后不满“%1”的门槛 %2：请一并退回赠品“%3”</source>
        <translation>After this return “%1” is below its threshold of %2: return the gift “%3” too</translation>
    </message>
    <message>
        <source>金额和比例不能为负数</source>
        <translation>Amounts and percentages cannot be negative</translation>
    </message>
    <message>
        <source>金额计算有误：出现负数行，请重新扫描</source>
        <translation>The amounts came out wrong (a negative line); scan again</translation>
    </message>
    <message>
        <source>两次输入的密码不一样</source>
        <translation>The two PINs are not the same</translation>
    </message>
    <message>
        <source>员工姓名须为 1 到 %1 个字</source>
        <translation>A staff name must be 1 to %1 characters</translation>
    </message>
    <message>
        <source>地址应不超过 %1 个字</source>
        <translation>The address must be at most %1 characters</translation>
    </message>
    <message>
        <source>密钥应至少 %1 个字符</source>
        <translation>The secret must be at least %1 characters</translation>
    </message>
    <message>
        <source>总部地址应为 http:// 或 https:// 开头的地址</source>
        <translation>The head office address must start with http:// or https://</translation>
    </message>
    <message>
        <source>数据目录 %1 里已经有收银数据，不能再新开店</source>
        <translation>The data directory %1 already holds counter data: a new store cannot be set up there</translation>
    </message>
    <message>
        <source>电话应为数字，如 0755-12345678：%1</source>
        <translation>A phone is digits, such as 0755-12345678: %1</translation>
    </message>
    <message>
        <source>营业日结束时间应为 %1 到 %2 之间的整点</source>
        <translation>The business day must end on a whole hour from %1 to %2</translation>
    </message>
    <message>
        <source>门店名称应为 1 到 %1 个字</source>
        <translation>The store name must be 1 to %1 characters</translation>
    </message>
    <message>
        <source>门店编码应为 1 到 8 位字母或数字，如 S001：%1</source>
        <translation>A store code is 1 to 8 letters or digits, such as S001: %1</translation>
    </message>
    <message>
        <source>收银数据需要从数据版本 %1 升级到 %2，但升级前的备份没有做成（%3）：数据库没有改动，请处理后重新打开收银台</source>
        <translation>The counter data must be upgraded from data version %1 to %2, but the backup before the upgrade could not be made (%3): the database was not changed; fix this and open the counter again</translation>
    </message>
    <message>
        <source>备份副本文件夹 %1 不存在（U 盘没插上或网络共享没连上）：备份只保存在本机</source>
        <translation>The second backup folder %1 is missing (USB stick not plugged in or network share not connected): the backup is kept on this computer only</translation>
    </message>
    <message>
        <source>无法写入备份副本文件夹 %1（%2）：备份只保存在本机</source>
        <translation>Cannot write to the second backup folder %1 (%2): the backup is kept on this computer only</translation>
    </message>
    <message>
        <source>促销“%1”由总部设定，门店不能修改</source>
        <translation>Promotion “%1” is set by the head office and cannot be changed here</translation>
    </message>
    <message>
        <source>促销“%1”由总部设定，门店不能停用</source>
        <translation>Promotion “%1” is set by the head office and cannot be retired here</translation>
    </message>
    <message>
        <source>该会员是按黑名单规则列入的：请修改规则</source>
        <translation>This member is listed by a blacklist rule: change the rule</translation>
    </message>
    <message>
        <source>统计天数须在 1 到 %1 之间</source>
        <translation>Days counted must be between 1 and %1</translation>
    </message>
    <message>
        <source>退货次数门槛必须大于零</source>
        <translation>The refund count must be more than zero</translation>
    </message>
    <message>
        <source>退货金额门槛必须大于零</source>
        <translation>The refund amount must be more than zero</translation>
    </message>
    <message>
        <source>没有这个分类：%1</source>
        <translation>No such category: %1</translation>
    </message>
    <message>
        <source>请勾选适用的会员卡类型</source>
        <translation>Tick the card types it is for</translation>
    </message>
    <message>
        <source>自动标签须是一个标签（最多 %1 个字）</source>
        <translation>An automatic tag is one tag (at most %1 characters)</translation>
    </message>
    <message>
        <source>性别只能是男或女</source>
        <translation>Sex is male or female</translation>
    </message>
    <message>
        <source>时段须同时填开始和结束的钟点</source>
        <translation>Give both the first and the last hour</translation>
    </message>
    <message>
        <source>时段的钟点须在 0 到 24 之间</source>
        <translation>Hours are from 0 to 24</translation>
    </message>
    <message>
        <source>时段的开始和结束不能相同</source>
        <translation>The hours cannot start and end at the same time</translation>
    </message>
    <message>
        <source>统计天数须在 1 到 %1 天之间</source>
        <translation>The period is 1 to %1 days</translation>
    </message>
    <message>
        <source>所选卡类型不存在</source>
        <translation>The chosen card type does not exist</translation>
    </message>
    <message>
        <source>请至少设一个条件，否则每位会员都会贴上这个标签</source>
        <translation>Set at least one condition, or every member would carry this tag</translation>
    </message>
    <message>
        <source>年龄须在 0 到 %1 岁之间</source>
        <translation>The age must be from 0 to %1</translation>
    </message>
    <message>
        <source>年龄的下限不能大于上限</source>
        <translation>The lowest age cannot be above the highest</translation>
    </message>
    <message>
        <source>消费次数须在 0 到 %1 之间</source>
        <translation>The number of purchases must be from 0 to %1</translation>
    </message>
    <message>
        <source>消费次数的下限不能大于上限</source>
        <translation>The fewest purchases cannot be above the most</translation>
    </message>
    <message>
        <source>客单价须在 0 到 %1 分之间</source>
        <translation>The average ticket must be from 0 to %1 fen</translation>
    </message>
    <message>
        <source>客单价的下限不能大于上限</source>
        <translation>The lowest average ticket cannot be above the highest</translation>
    </message>
    <message>
        <source>未找到该自动标签规则</source>
        <translation>Automatic tag rule not found</translation>
    </message>
    <message>
        <source>活动名称须为 1–%1 个字</source>
        <translation>A campaign name has 1 to %1 characters</translation>
    </message>
    <message>
        <source>活动已存在：%1</source>
        <translation>The campaign already exists: %1</translation>
    </message>
    <message>
        <source>结束日期 %1 早于开始日期 %2</source>
        <translation>The end date %1 is before the start date %2</translation>
    </message>
    <message>
        <source>开始日期 %1 已过，活动须从今天或以后开始</source>
        <translation>The start date %1 has passed; a campaign starts today or later</translation>
    </message>
    <message>
        <source>赠送金额须大于零且不超过 %1</source>
        <translation>The bonus must be above zero and at most %1</translation>
    </message>
    <message>
        <source>赠送积分须大于零且不超过 %1</source>
        <translation>The bonus points must be above zero and at most %1</translation>
    </message>
    <message>
        <source>未知的会员分组：%1</source>
        <translation>Unknown member group: %1</translation>
    </message>
    <message>
        <source>未知的价值分层：%1</source>
        <translation>Unknown value segment: %1</translation>
    </message>
    <message>
        <source>未找到卡号：%1（共 %2 个），请改正后再建活动</source>
        <translation>Card numbers not found: %1 (%2 in all); correct them and create the campaign again</translation>
    </message>
    <message>
        <source>名单中的 %1 位会员的卡均已挂失、冻结或过期</source>
        <translation>The cards of all %1 members on the list are lost, frozen or expired</translation>
    </message>
    <message>
        <source>名单中没有会员，活动无人可发</source>
        <translation>The list holds no member: the campaign would give nothing to anyone</translation>
    </message>
    <message>
        <source>优惠券“%1”在活动开始前已到期（%2）</source>
        <translation>The coupon “%1” expires before the campaign starts (%2)</translation>
    </message>
    <message>
        <source>未找到该活动</source>
        <translation>Campaign not found</translation>
    </message>
    <message>
        <source>活动已于 %1 结束，不能再发放</source>
        <translation>The campaign ended on %1; nothing can be issued now</translation>
    </message>
    <message>
        <source>活动 %1 才开始，还没有回流可看</source>
        <translation>The campaign starts on %1; there is no recall to show yet</translation>
    </message>
    <message>
        <source>无法读取文件 %1：%2</source>
        <translation>Cannot read the file %1: %2</translation>
    </message>
    <message>
        <source>请填写入会天数的下限或上限</source>
        <translation>Please fill in the lowest or the highest days since joining</translation>
    </message>
    <message>
        <source>入会天数须在 0 到 %1 之间</source>
        <translation>Days since joining must be from 0 to %1</translation>
    </message>
    <message>
        <source>入会天数的下限不能大于上限</source>
        <translation>The lowest days since joining cannot be above the highest</translation>
    </message>
    <message>
        <source>请填写消费次数的下限或上限</source>
        <translation>Please fill in the fewest or the most visits</translation>
    </message>
    <message>
        <source>请填写累计消费金额的下限或上限</source>
        <translation>Please fill in the lowest or the highest total spend</translation>
    </message>
    <message>
        <source>累计消费金额须在 0 到 %1 分之间</source>
        <translation>Total spend must be from 0 to %1 fen</translation>
    </message>
    <message>
        <source>累计消费金额的下限不能大于上限</source>
        <translation>The lowest total spend cannot be above the highest</translation>
    </message>
    <message>
        <source>请填写累计积分的下限或上限</source>
        <translation>Please fill in the lowest or the highest total points</translation>
    </message>
    <message>
        <source>累计积分须在 0 到 %1 之间</source>
        <translation>Total points must be from 0 to %1</translation>
    </message>
    <message>
        <source>累计积分的下限不能大于上限</source>
        <translation>The lowest total points cannot be above the highest</translation>
    </message>
    <message>
        <source>请填写可用积分的下限或上限</source>
        <translation>Please fill in the lowest or the highest available points</translation>
    </message>
    <message>
        <source>可用积分须在 0 到 %1 之间</source>
        <translation>Available points must be from 0 to %1</translation>
    </message>
    <message>
        <source>可用积分的下限不能大于上限</source>
        <translation>The lowest available points cannot be above the highest</translation>
    </message>
    <message>
        <source>名单名称最多 %1 个字</source>
        <translation>A list name has at most %1 characters</translation>
    </message>
    <message>
        <source>名单的筛选条件无法读取：%1</source>
        <translation>The list’s filter cannot be read: %1</translation>
    </message>
    <message>
        <source>已有名为“%1”的名单</source>
        <translation>There is already a list named “%1”</translation>
    </message>
    <message>
        <source>未找到该名单</source>
        <translation>The list was not found</translation>
    </message>
    <message>
        <source>未知的星座</source>
        <translation>Unknown star sign</translation>
    </message>
    <message>
        <source>未知的生肖</source>
        <translation>Unknown Chinese zodiac sign</translation>
    </message>
    <message>
        <source>生日月份须在 1 到 12 之间</source>
        <translation>A birth month must be from 1 to 12</translation>
    </message>
    <message>
        <source>筛选条件最多 %1 个</source>
        <translation>A filter has at most %1 criteria</translation>
    </message>
    <message>
        <source>纪念日的日期范围最长一年</source>
        <translation>The anniversary range is at most a year</translation>
    </message>
    <message>
        <source>请填写名单名称</source>
        <translation>Please name the list</translation>
    </message>
    <message>
        <source>请填写开始或结束日期</source>
        <translation>Please fill in the first or the last day</translation>
    </message>
    <message>
        <source>请至少填一个标签</source>
        <translation>Please fill in at least one tag</translation>
    </message>
    <message>
        <source>请至少设一个筛选条件</source>
        <translation>Please set at least one criterion</translation>
    </message>
    <message>
        <source>请至少选一个星座</source>
        <translation>Please choose at least one star sign</translation>
    </message>
    <message>
        <source>请至少选一个生日月份</source>
        <translation>Please choose at least one birth month</translation>
    </message>
    <message>
        <source>请至少选一个生肖</source>
        <translation>Please choose at least one Chinese zodiac sign</translation>
    </message>
    <message>
        <source>请至少选一种卡类型</source>
        <translation>Please choose at least one card type</translation>
    </message>
    <message>
        <source>天数须在 1 到 %1 之间</source>
        <translation>The number of days must be from 1 to %1</translation>
    </message>
    <message>
        <source>未找到会员名单“%1”，可能已被删除或改名</source>
        <translation>No saved member list “%1”: it may have been deleted or renamed</translation>
    </message>
    <message>
        <source>请选择会员名单</source>
        <translation>Choose a saved member list</translation>
    </message>
</context>
<context>
    <name>feedback</name>
    <message>
        <location filename="../../app/ui/feedback.py" line="34"/>
        <source>操作未完成，请重试</source>
        <translation>Not done, please try again</translation>
    </message>
    <message>
        <location filename="../../app/ui/feedback.py" line="36"/>
        <source>抱歉，程序出了点问题，操作未完成。请重试，或联系店长查看日志。</source>
        <translation>Sorry, something went wrong and nothing was done. Try again, or ask the manager to check the log.</translation>
    </message>
    <message>
        <location filename="../../app/ui/feedback.py" line="65"/>
        <source>磁盘空间已满，请清理后重试</source>
        <translation>The disk is full; free some space and try again</translation>
    </message>
    <message>
        <location filename="../../app/ui/feedback.py" line="67"/>
        <source>找不到文件：%1</source>
        <translation>File not found: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/feedback.py" line="69"/>
        <source>没有权限写入或读取：%1</source>
        <translation>No permission to write or read: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/feedback.py" line="71"/>
        <source>连接失败，请检查设备或网络后重试</source>
        <translation>The connection failed; check the device or network and try again</translation>
    </message>
    <message>
        <source>第 %1 行：%2</source>
        <translation>Line %1: %2</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../app/ui/application.py" line="128"/>
        <source>开班</source>
        <extracomment>Fonts that draw Chinese well, best first: Windows, macOS, Linux (Noto, then WenQuanYi). Set by the cold-start benchmark: print the time to the login window, then quit.</extracomment>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="129"/>
        <source>%1，请清点钱箱并输入备用金（元）</source>
        <translation>%1, count the drawer and enter the opening float (yuan)</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MemberOffersPanel</name>
    <message>
        <source>积分礼品</source>
        <translation>Gift catalogue</translation>
    </message>
    <message>
        <source>优惠券模板</source>
        <translation>Coupon templates</translation>
    </message>
    <message>
        <source>礼品</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <source>所需积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>礼品 积分 库存，如“雨伞 800 10”</source>
        <translation>Gift, points, stock, e.g. "Umbrella 800 10"</translation>
    </message>
    <message>
        <source>名称 满多少 减多少 有效天数，如“满200减20 200 20 30”</source>
        <translation>Name, threshold, amount off, days valid, e.g. "20 off 200 200 20 30"</translation>
    </message>
    <message>
        <source>新增（需店长授权）</source>
        <translation>Add (manager)</translation>
    </message>
    <message>
        <source>内容不完整</source>
        <translation>Something is missing</translation>
    </message>
    <message>
        <source>请填写内容</source>
        <translation>Please fill this in</translation>
    </message>
    <message>
        <source>“%1”不是整数</source>
        <translation>"%1" is not a whole number</translation>
    </message>
    <message>
        <source>“%1”不是折扣，如 9.5 表示九五折</source>
        <translation>"%1" is not a discount; e.g. 9.5 means 95% of the price</translation>
    </message>
    <message>
        <source>次卡套餐</source>
        <translation>Count-card packages</translation>
    </message>
    <message>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Uses</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>礼品与优惠券状态</source>
        <translation>Gifts and coupons status</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>停售</source>
        <translation>Stop selling</translation>
    </message>
    <message>
        <source>停发</source>
        <translation>Stop issuing</translation>
    </message>
    <message>
        <source>修改积分</source>
        <translation>Change points</translation>
    </message>
    <message>
        <source>入库 / 报损</source>
        <translation>Restock / write off</translation>
    </message>
    <message>
        <source>下架</source>
        <translation>Retire</translation>
    </message>
    <message>
        <source>长期有效</source>
        <translation>No expiry</translation>
    </message>
    <message>
        <source>新增次卡套餐</source>
        <translation>New count-card package</translation>
    </message>
    <message>
        <source>已新增次卡套餐</source>
        <translation>Count-card package added</translation>
    </message>
    <message>
        <source>新增优惠券</source>
        <translation>New coupon</translation>
    </message>
    <message>
        <source>已新增优惠券</source>
        <translation>Coupon added</translation>
    </message>
    <message>
        <source>新增礼品</source>
        <translation>New gift</translation>
    </message>
    <message>
        <source>已新增礼品</source>
        <translation>Gift added</translation>
    </message>
    <message>
        <source>售价</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>在售</source>
        <translation>On sale</translation>
    </message>
    <message>
        <source>已停售</source>
        <translation>No longer sold</translation>
    </message>
    <message>
        <source>可发放</source>
        <translation>Can be issued</translation>
    </message>
    <message>
        <source>已停发</source>
        <translation>No longer issued</translation>
    </message>
    <message>
        <source>可兑换</source>
        <translation>Redeemable</translation>
    </message>
    <message>
        <source>已下架</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>有效 %1 天</source>
        <translation>Valid %1 days</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>%1 次</source>
        <translation>%1 uses</translation>
    </message>
    <message>
        <source>修改次卡套餐“%1”</source>
        <translation>Edit count-card package "%1"</translation>
    </message>
    <message>
        <source>已修改次卡套餐“%1”</source>
        <translation>Count-card package "%1" changed</translation>
    </message>
    <message>
        <source>停售次卡套餐“%1”</source>
        <translation>Stop selling count-card package "%1"</translation>
    </message>
    <message>
        <source>停售次卡套餐</source>
        <translation>Stop selling a count-card package</translation>
    </message>
    <message>
        <source>已停售次卡套餐“%1”</source>
        <translation>Count-card package "%1" no longer sold</translation>
    </message>
    <message>
        <source>停发优惠券“%1”</source>
        <translation>Stop issuing coupon "%1"</translation>
    </message>
    <message>
        <source>停发优惠券</source>
        <translation>Stop issuing a coupon</translation>
    </message>
    <message>
        <source>已停发优惠券“%1”</source>
        <translation>Coupon "%1" no longer issued</translation>
    </message>
    <message>
        <source>修改礼品“%1”</source>
        <translation>Edit gift "%1"</translation>
    </message>
    <message>
        <source>已修改礼品“%1”</source>
        <translation>Gift "%1" changed</translation>
    </message>
    <message>
        <source>礼品“%1”入库 / 报损</source>
        <translation>Restock / write off gift "%1"</translation>
    </message>
    <message>
        <source>已调整“%1”的库存</source>
        <translation>Stock of "%1" adjusted</translation>
    </message>
    <message>
        <source>下架礼品“%1”</source>
        <translation>Retire gift "%1"</translation>
    </message>
    <message>
        <source>下架礼品</source>
        <translation>Retire a gift</translation>
    </message>
    <message>
        <source>已下架礼品“%1”</source>
        <translation>Gift "%1" retired</translation>
    </message>
    <message>
        <source>“%1”停售后不再出售；已售出的次卡照常使用。</source>
        <translation>"%1" will no longer be sold; count cards already sold keep working.</translation>
    </message>
    <message>
        <source>“%1”停发后不能再发给会员；已发出的券在有效期内照常可用。</source>
        <translation>"%1" can no longer be issued; coupons already issued stay usable until they expire.</translation>
    </message>
    <message>
        <source>“%1”下架后不能再兑换；库存记录保留。</source>
        <translation>"%1" can no longer be redeemed; its stock records are kept.</translation>
    </message>
    <message>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>礼品与优惠券</source>
        <translation>Gifts and coupons</translation>
    </message>
    <message>
        <source>优惠券</source>
        <translation>Coupons</translation>
    </message>
</context>
<context>
    <name>OfferForms</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Uses</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>所需积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>修改次卡套餐</source>
        <translation>Edit count-card package</translation>
    </message>
    <message>
        <source>新增次卡套餐</source>
        <translation>New count-card package</translation>
    </message>
    <message>
        <source>服务项目</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>售价（元）</source>
        <translation>Price (yuan)</translation>
    </message>
    <message>
        <source>有效天数</source>
        <translation>Valid for (days)</translation>
    </message>
    <message>
        <source>新增优惠券</source>
        <translation>New coupon</translation>
    </message>
    <message>
        <source>减免金额（元）</source>
        <translation>Amount off (yuan)</translation>
    </message>
    <message>
        <source>折扣（折）</source>
        <translation>Discount (fold, 8.5 = 15% off)</translation>
    </message>
    <message>
        <source>最多优惠（元）</source>
        <translation>Most off (yuan)</translation>
    </message>
    <message>
        <source>赠送商品</source>
        <translation>Free product</translation>
    </message>
    <message>
        <source>使用门槛（元）</source>
        <translation>Minimum spend (yuan)</translation>
    </message>
    <message>
        <source>有效期：自发券日起的天数，或截止日期（二选一）</source>
        <translation>Validity: days from issue, or an end date (one of the two)</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>修改礼品</source>
        <translation>Edit gift</translation>
    </message>
    <message>
        <source>新增礼品</source>
        <translation>New gift</translation>
    </message>
    <message>
        <source>礼品名称</source>
        <translation>Gift name</translation>
    </message>
    <message>
        <source>礼品入库 / 报损</source>
        <translation>Restock / write off a gift</translation>
    </message>
    <message>
        <source>满减券</source>
        <translation>Amount off</translation>
    </message>
    <message>
        <source>折扣券</source>
        <translation>Percent off</translation>
    </message>
    <message>
        <source>赠品券</source>
        <translation>Free item</translation>
    </message>
    <message>
        <source>修改只影响今后售出的次卡，已售出的次卡保持原次数、价格和有效期</source>
        <translation>Changes apply to cards sold from now on; cards already sold keep their uses, price and expiry</translation>
    </message>
    <message>
        <source>每次用的是什么，如 洗车</source>
        <translation>What one use is, e.g. car wash</translation>
    </message>
    <message>
        <source>不填为长期有效</source>
        <translation>Blank for no expiry</translation>
    </message>
    <message>
        <source>如 满100减20</source>
        <translation>e.g. 20 off 100</translation>
    </message>
    <message>
        <source>8.5 表示八五折</source>
        <translation>8.5 means 15% off</translation>
    </message>
    <message>
        <source>不填为不封顶</source>
        <translation>Blank for no cap</translation>
    </message>
    <message>
        <source>商品编码或条码，赠 1 件</source>
        <translation>Product code or barcode; one unit free</translation>
    </message>
    <message>
        <source>不填为无门槛</source>
        <translation>Blank for no minimum</translation>
    </message>
    <message>
        <source>如 2026-12-01，可不填</source>
        <translation>e.g. 2026-12-01, optional</translation>
    </message>
    <message>
        <source>如 2026-12-31</source>
        <translation>e.g. 2026-12-31</translation>
    </message>
    <message>
        <source>期初库存</source>
        <translation>Opening stock</translation>
    </message>
    <message>
        <source>库存请用“入库 / 报损”调整</source>
        <translation>Change stock with Restock / write off</translation>
    </message>
    <message>
        <source>入库填正数，报损填负数，如 -2</source>
        <translation>Positive to restock, negative to write off, e.g. -2</translation>
    </message>
    <message>
        <source>如 进货、破损、盘点</source>
        <translation>e.g. delivery, broken, stock count</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>%1 现有库存 %2 件</source>
        <translation>%1: %2 in stock</translation>
    </message>
</context>
<context>
    <name>ProductsScreen</name>
    <message>
        <source>商品</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>授权人</source>
        <translation>Approver</translation>
    </message>
    <message>
        <source>商品管理</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>查找商品</source>
        <translation>Find a product</translation>
    </message>
    <message>
        <source>编码、条码、名称或拼音首字母</source>
        <translation>Code, barcode, name or pinyin initials</translation>
    </message>
    <message>
        <source>按分类筛选</source>
        <translation>Filter by category</translation>
    </message>
    <message>
        <source>显示已停售</source>
        <translation>Show retired</translation>
    </message>
    <message>
        <source>新增商品</source>
        <translation>Add product</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>停售 / 恢复销售</source>
        <translation>Retire / bring back</translation>
    </message>
    <message>
        <source>分类管理</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>编辑商品</source>
        <translation>Edit product</translation>
    </message>
    <message>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <source>条码</source>
        <translation>Barcodes</translation>
    </message>
    <message>
        <source>售价（元）</source>
        <translation>Price (yuan)</translation>
    </message>
    <message>
        <source>会员价（元）</source>
        <translation>Member price (yuan)</translation>
    </message>
    <message>
        <source>进价（元）</source>
        <translation>Cost (yuan)</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>称重销售</source>
        <translation>Sold by weight</translation>
    </message>
    <message>
        <source>管理库存</source>
        <translation>Track stock</translation>
    </message>
    <message>
        <source>调价记录</source>
        <translation>Price history</translation>
    </message>
    <message>
        <source>售价</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>会员价</source>
        <translation>Member price</translation>
    </message>
    <message>
        <source>进价</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>在售</source>
        <translation>On sale</translation>
    </message>
    <message>
        <source>已停售</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>留空则自动生成</source>
        <translation>Leave blank to generate one</translation>
    </message>
    <message>
        <source>可填多个，用空格或逗号分隔</source>
        <translation>One or more, separated by spaces or commas</translation>
    </message>
    <message>
        <source>留空则无会员价</source>
        <translation>Leave blank for none</translation>
    </message>
    <message>
        <source>留空表示未知</source>
        <translation>Leave blank if unknown</translation>
    </message>
    <message>
        <source>称重商品用 kg、千克、公斤、斤、g 或 克</source>
        <translation>Weighed products use kg, 千克, 公斤, 斤, g or 克</translation>
    </message>
    <message>
        <source>调价记录（最新在前）</source>
        <translation>Price history (newest first)</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Old</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>New</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Made by</translation>
    </message>
    <message>
        <source>全部分类</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>停售</source>
        <translation>Retire</translation>
    </message>
    <message>
        <source>恢复销售</source>
        <translation>Bring back</translation>
    </message>
    <message>
        <source>（无分类）</source>
        <translation>(no category)</translation>
    </message>
    <message>
        <source>导入商品</source>
        <translation>Import products</translation>
    </message>
    <message>
        <source>导出商品</source>
        <translation>Export products</translation>
    </message>
    <message>
        <source>商品文件 (*.csv *.xlsx);;所有文件 (*)</source>
        <translation>Product files (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel files (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已导出 %1 行商品到 %2</source>
        <translation>Exported %1 product rows to %2</translation>
    </message>
    <message>
        <source>操作结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>预警库存</source>
        <translation>Reorder point</translation>
    </message>
    <message>
        <source>库存不高于此数时列入库存预警；留空则只在缺货时列入</source>
        <translation>Listed as low stock at or below this; blank: only when out of stock</translation>
    </message>
</context>
<context>
    <name>CategoriesDialog</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>分类管理</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>分类名称</source>
        <translation>Category name</translation>
    </message>
    <message>
        <source>新分类名称，或选中分类后的新名称</source>
        <translation>A new category's name, or a chosen category's new name</translation>
    </message>
    <message>
        <source>新增分类</source>
        <translation>Add category</translation>
    </message>
    <message>
        <source>改名</source>
        <translation>Rename</translation>
    </message>
</context>
<context>
    <name>MemberPart</name>
    <message>
        <source>会员消费后余额</source>
        <translation>Member's balance after the sale</translation>
    </message>
    <message>
        <source>存入会员卡</source>
        <translation>Put on card</translation>
    </message>
    <message>
        <source>找零存入会员卡</source>
        <translation>Put the change on the member card</translation>
    </message>
    <message>
        <source>会员提醒</source>
        <translation>Member reminders</translation>
    </message>
    <message>
        <source>已取消优惠券</source>
        <translation>Coupon removed</translation>
    </message>
    <message>
        <source>存零</source>
        <translation>Change to card</translation>
    </message>
    <message>
        <source>请先按 F2 或刷卡识别会员</source>
        <translation>Press F2 or swipe a card for the member first</translation>
    </message>
    <message>
        <source>尚未开班，请重新登录并开班</source>
        <translation>No shift is open; log in again and open one</translation>
    </message>
    <message>
        <source>该会员没有可用的优惠券；纸质券可直接扫描券码</source>
        <translation>This member has no coupons to use; scan the code of a paper coupon</translation>
    </message>
    <message>
        <source>识别会员	F2</source>
        <translation>Find member	F2</translation>
    </message>
    <message>
        <source>会员充值	F3</source>
        <translation>Top up	F3</translation>
    </message>
    <message>
        <source>办卡</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <source>积分兑换</source>
        <translation>Redeem points</translation>
    </message>
    <message>
        <source>售次卡</source>
        <translation>Sell count card</translation>
    </message>
    <message>
        <source>使用优惠券</source>
        <translation>Use coupon</translation>
    </message>
    <message>
        <source>会员管理</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>会员：%1（%2）</source>
        <translation>Member: %1 (%2)</translation>
    </message>
    <message>
        <source>优惠券不能使用：%1</source>
        <translation>Coupon cannot be used: %1</translation>
    </message>
    <message>
        <source>已使用优惠券“%1”，优惠 %2</source>
        <translation>Coupon "%1" used, %2 off</translation>
    </message>
    <message>
        <source>
已存零 %1，实找 %2</source>
        <translation>
%1 of the change put on the card, %2 handed back</translation>
    </message>
    <message>
        <source>存零金额不能超过本单找零 %1</source>
        <translation>The amount put on the card cannot exceed the change of %1</translation>
    </message>
    <message>
        <source>本单找零 %1，存入 %2 的会员卡的金额</source>
        <translation>Change is %1; amount to put on the card of %2</translation>
    </message>
    <message>
        <source>办卡成功：%1（%2）</source>
        <translation>Enrolled: %1 (%2)</translation>
    </message>
    <message>
        <source>充值 %1，赠送 %2，余额 %3</source>
        <translation>Topped up %1, bonus %2, balance %3</translation>
    </message>
    <message>
        <source>已存入会员卡 %1，实找 %2，卡内余额 %3</source>
        <translation>%1 put on the member card, %2 handed back, card balance %3</translation>
    </message>
    <message>
        <source>已兑换 %1 ×%2，用去 %3 积分，剩余 %4</source>
        <translation>Redeemed %1 ×%2 for %3 points, %4 left</translation>
    </message>
    <message>
        <source>已售次卡：%1（%2 次），收款 %3，找零 %4，单号 %5</source>
        <translation>Count card sold: %1 (%2 uses), received %3, change %4, receipt %5</translation>
    </message>
    <message>
        <source>%1：本单积分 +%2，积分 %3，余额 %4（本金 %5 + 赠送 %6）</source>
        <translation>%1: +%2 points this sale, %3 points, balance %4 (paid %5 + bonus %6)</translation>
    </message>
    <message>
        <source>本店没有此卡，正在向总部查询…</source>
        <translation>No such card here; asking the head office…</translation>
    </message>
    <message>
        <source>会员(&amp;M)</source>
        <translation>&amp;Members</translation>
    </message>
</context>
<context>
    <name>CardTypeForm</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>折扣</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>默认卡类型（办卡不选时用它）</source>
        <translation>Default card type (used when none is chosen)</translation>
    </message>
    <message>
        <source>基本</source>
        <translation>Basics</translation>
    </message>
    <message>
        <source>等级序号</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>每消费 1 元得积分</source>
        <translation>Points per yuan spent</translation>
    </message>
    <message>
        <source>多少积分抵 1 元</source>
        <translation>Points that pay 1 yuan</translation>
    </message>
    <message>
        <source>储值付款需会员密码</source>
        <translation>Stored-value payment needs the member password</translation>
    </message>
    <message>
        <source>自动升级与降级</source>
        <translation>Automatic upgrade and downgrade</translation>
    </message>
    <message>
        <source>升级依据</source>
        <translation>Upgrade by</translation>
    </message>
    <message>
        <source>升级门槛</source>
        <translation>Upgrade threshold</translation>
    </message>
    <message>
        <source>统计天数</source>
        <translation>Over how many days</translation>
    </message>
    <message>
        <source>期末未达门槛降级</source>
        <translation>Downgrade at period end below the threshold</translation>
    </message>
    <message>
        <source>会员费与有效期</source>
        <translation>Membership fee and validity</translation>
    </message>
    <message>
        <source>有效天数</source>
        <translation>Valid days</translation>
    </message>
    <message>
        <source>会员费（元）</source>
        <translation>Membership fee (yuan)</translation>
    </message>
    <message>
        <source>升级礼包</source>
        <translation>Upgrade gift</translation>
    </message>
    <message>
        <source>赠送积分</source>
        <translation>Gift points</translation>
    </message>
    <message>
        <source>赠送储值（元）</source>
        <translation>Gift stored value (yuan)</translation>
    </message>
    <message>
        <source>赠送优惠券</source>
        <translation>Gift coupon</translation>
    </message>
    <message>
        <source>新增卡类型</source>
        <translation>Add card type</translation>
    </message>
    <message>
        <source>修改卡类型</source>
        <translation>Edit card type</translation>
    </message>
    <message>
        <source>如 9.5 表示九五折；留空不打折</source>
        <translation>e.g. 9.5 pays 95 %; blank is full price</translation>
    </message>
    <message>
        <source>如 1、2 或 0.5；留空或 0 不积分</source>
        <translation>e.g. 1, 2 or 0.5; blank or 0 earns no points</translation>
    </message>
    <message>
        <source>如 100 表示 100 积分抵 1 元；留空积分不能抵现</source>
        <translation>e.g. 100 means 100 points pay 1 yuan; blank: points cannot pay</translation>
    </message>
    <message>
        <source>消费、充值按元；积分按分</source>
        <translation>Yuan for spend and top-ups; points for points</translation>
    </message>
    <message>
        <source>近多少天内累计</source>
        <translation>Summed over the last days</translation>
    </message>
    <message>
        <source>留空为永久有效</source>
        <translation>Blank: never expires</translation>
    </message>
    <message>
        <source>留空为免费；付费卡办卡时收取</source>
        <translation>Blank: free; a paid card's fee is taken at enrolment</translation>
    </message>
    <message>
        <source>不自动升级</source>
        <translation>No automatic upgrade</translation>
    </message>
    <message>
        <source>不送券</source>
        <translation>No coupon</translation>
    </message>
    <message>
        <source>%1满门槛</source>
        <translation>%1 reaches the threshold</translation>
    </message>
    <message>
        <source>消费</source>
        <translation>Spend</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>充值</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <source>%1 积分</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <source>数字越大等级越高，如 0、1、2</source>
        <translation>Higher is better, e.g. 0, 1, 2</translation>
    </message>
</context>
<context>
    <name>MemberSettingsForm</name>
    <message>
        <source>储值</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>会员密码</source>
        <translation>Member password</translation>
    </message>
    <message>
        <source>积分与储值设置</source>
        <translation>Points and stored value settings</translation>
    </message>
    <message>
        <source>储值付款先扣</source>
        <translation>A stored-value payment takes first</translation>
    </message>
    <message>
        <source>单次充值上限（元）</source>
        <translation>Largest single top-up (yuan)</translation>
    </message>
    <message>
        <source>用赠送金付的部分也积分</source>
        <translation>Earn points on the part paid with bonus money</translation>
    </message>
    <message>
        <source>积分有效期</source>
        <translation>Points expire</translation>
    </message>
    <message>
        <source>积分有效月数</source>
        <translation>Points valid for months</translation>
    </message>
    <message>
        <source>连续输错几次锁定</source>
        <translation>Lock after this many wrong passwords</translation>
    </message>
    <message>
        <source>锁定分钟数</source>
        <translation>Lock for minutes</translation>
    </message>
    <message>
        <source>选“获得后若干个月过期”时用</source>
        <translation>Used with "some months after earning"</translation>
    </message>
    <message>
        <source>先扣本金</source>
        <translation>principal first</translation>
    </message>
    <message>
        <source>先扣赠送金</source>
        <translation>bonus money first</translation>
    </message>
    <message>
        <source>本金与赠送金按比例扣</source>
        <translation>principal and bonus in proportion</translation>
    </message>
    <message>
        <source>永不过期</source>
        <translation>never expire</translation>
    </message>
    <message>
        <source>当年年底过期</source>
        <translation>expire at the end of the year</translation>
    </message>
    <message>
        <source>获得后若干个月过期</source>
        <translation>expire some months after earning</translation>
    </message>
    <message>
        <source>积分获得后 %1 个月过期</source>
        <translation>points expire %1 months after earning</translation>
    </message>
    <message>
        <source>积分%1</source>
        <translation>points %1</translation>
    </message>
    <message>
        <source>赠送金消费也积分</source>
        <translation>bonus money earns points</translation>
    </message>
    <message>
        <source>赠送金消费不积分</source>
        <translation>bonus money earns no points</translation>
    </message>
    <message>
        <source>储值付款%1；单次充值最多 %2；%3；%4；会员密码连错 %5 次锁定 %6 分钟</source>
        <translation>Stored value pays %1; a top-up at most %2; %3; %4; %5 wrong member passwords lock for %6 minutes</translation>
    </message>
</context>
<context>
    <name>FeeFields</name>
    <message>
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>实收金额</source>
        <translation>Amount tendered</translation>
    </message>
    <message>
        <source>找零 %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <source>会员费</source>
        <translation>Membership fee</translation>
    </message>
    <message>
        <source>会员费付款方式</source>
        <translation>Membership fee paid by</translation>
    </message>
    <message>
        <source>会员费实收金额</source>
        <translation>Membership fee handed over</translation>
    </message>
</context>
<context>
    <name>LevelFeeDialog</name>
    <message>
        <source>确认收款</source>
        <translation>Confirm payment</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>收取会员费</source>
        <translation>Take the membership fee</translation>
    </message>
</context>
<context>
    <name>BonusRuleForm</name>
    <message>
        <source>新增充值赠送</source>
        <translation>Add top-up bonus</translation>
    </message>
    <message>
        <source>充值满（元）</source>
        <translation>Top-up of at least (yuan)</translation>
    </message>
    <message>
        <source>赠送（元）</source>
        <translation>Bonus (yuan)</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>To</translation>
    </message>
    <message>
        <source>适用卡类型</source>
        <translation>Card type</translation>
    </message>
    <message>
        <source>如 500</source>
        <translation>e.g. 500</translation>
    </message>
    <message>
        <source>如 100</source>
        <translation>e.g. 100</translation>
    </message>
    <message>
        <source>如 2026-12-01；留空为即日起</source>
        <translation>e.g. 2026-12-01; blank: from today</translation>
    </message>
    <message>
        <source>如 2026-12-31；留空为长期</source>
        <translation>e.g. 2026-12-31; blank: no end</translation>
    </message>
    <message>
        <source>全部卡类型</source>
        <translation>All card types</translation>
    </message>
</context>
<context>
    <name>MemberDateFields</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>历法</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>公历</source>
        <translation>Solar</translation>
    </message>
    <message>
        <source>农历</source>
        <translation>Lunar</translation>
    </message>
    <message>
        <source>如 1990-08-15，不知年份填 08-15</source>
        <translation>e.g. 1990-08-15, or 08-15 without the year</translation>
    </message>
    <message>
        <source>闰月</source>
        <translation>Leap month</translation>
    </message>
    <message>
        <source>有闰月的年份按闰月过</source>
        <translation>Keep it on the leap month in years that have one</translation>
    </message>
</context>
<context>
    <name>DateWords</name>
    <message>
        <source>公历 %1</source>
        <translation>Solar %1</translation>
    </message>
    <message>
        <source>农历 %1</source>
        <translation>Lunar %1</translation>
    </message>
    <message>
        <source>%1 月 %2 日</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1 年</source>
        <translation>%1 </translation>
    </message>
    <message>
        <source>%3 年 %1 月 %2 日</source>
        <translation>%3-%1-%2</translation>
    </message>
</context>
<context>
    <name>MemberImportDialog</name>
    <message>
        <source>导入会员</source>
        <translation>Import members</translation>
    </message>
    <message>
        <source>文件：%1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>导入进度</source>
        <translation>Import progress</translation>
    </message>
    <message>
        <source>正在读取并检查文件……</source>
        <translation>Reading and checking the file…</translation>
    </message>
    <message>
        <source>有误的行</source>
        <translation>Rows with mistakes</translation>
    </message>
    <message>
        <source>正在导入：%1 / %2 位会员，收银可以照常进行</source>
        <translation>Importing: %1 / %2 members; selling goes on as usual</translation>
    </message>
    <message>
        <source>导入没有完成</source>
        <translation>The import did not finish</translation>
    </message>
    <message>
        <source>文件中有 %1 行有误，没有导入任何会员：改好这些行后重新导入</source>
        <translation>%1 rows of the file have mistakes, so no member was imported: correct them and import again</translation>
    </message>
    <message>
        <source>导入完成：新增会员 %1 位</source>
        <translation>Import done: %1 new members</translation>
    </message>
    <message>
        <source>（此文件之前已导入 %1 位，本次接着导入）</source>
        <translation> (%1 were imported from this file before; this run went on from there)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ProductImportDialog</name>
    <message>
        <source>导入商品</source>
        <translation>Import products</translation>
    </message>
    <message>
        <source>正在导入 %1……</source>
        <translation>Importing %1…</translation>
    </message>
    <message>
        <source>没有导入的行</source>
        <translation>Rows left out</translation>
    </message>
    <message>
        <source>没有导入任何商品</source>
        <translation>No product was imported</translation>
    </message>
    <message>
        <source>导入完成：新增 %1，更新 %2，没有导入的行 %3</source>
        <translation>Import done: %1 new, %2 updated, %3 rows left out</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>%1 个商品库存不足</source>
        <translation>%1 products low on stock</translation>
    </message>
    <message>
        <source>%1：库存 %2</source>
        <translation>%1: %2 in stock</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>供应商</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>列出全部商品</source>
        <translation>List all products</translation>
    </message>
    <message>
        <source>删除所选行</source>
        <translation>Remove selected line</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>实盘数量</source>
        <translation>Counted quantity</translation>
    </message>
    <message>
        <source>小票号 / 供应商</source>
        <translation>Receipt no. / supplier</translation>
    </message>
    <message>
        <source>差异原因</source>
        <translation>Reason for difference</translation>
    </message>
    <message>
        <source>已入库 %1 行，金额 %2</source>
        <translation>Received %1 lines, amount %2</translation>
    </message>
    <message>
        <source>已列出 %1 个商品</source>
        <translation>Listed %1 products</translation>
    </message>
    <message>
        <source>已添加：%1</source>
        <translation>Added: %1</translation>
    </message>
    <message>
        <source>已退货 %1 行，金额 %2</source>
        <translation>Returned %1 lines, amount %2</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>库存流水</source>
        <translation>Stock moves</translation>
    </message>
    <message>
        <source>库存预警</source>
        <translation>Low stock</translation>
    </message>
    <message>
        <source>成本金额</source>
        <translation>Cost amount</translation>
    </message>
    <message>
        <source>损耗</source>
        <translation>Wastage</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>操作结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>明细</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>期初库存</source>
        <translation>Opening stock</translation>
    </message>
    <message>
        <source>期初成本</source>
        <translation>Opening cost</translation>
    </message>
    <message>
        <source>条码、编码、名称或拼音首字母</source>
        <translation>Barcode, code, name or pinyin initials</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>留空则按平均成本</source>
        <translation>Blank: at the average cost</translation>
    </message>
    <message>
        <source>盘点</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>盘点完成：%1 个商品有差异，金额 %2</source>
        <translation>Count done: %1 products differed, amount %2</translation>
    </message>
    <message>
        <source>盘点明细</source>
        <translation>Count lines</translation>
    </message>
    <message>
        <source>盘盈/盘亏</source>
        <translation>Count gain/loss</translation>
    </message>
    <message>
        <source>确认入库</source>
        <translation>Confirm receiving</translation>
    </message>
    <message>
        <source>确认盘点</source>
        <translation>Confirm count</translation>
    </message>
    <message>
        <source>确认退货</source>
        <translation>Confirm return</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>账面库存</source>
        <translation>Book stock</translation>
    </message>
    <message>
        <source>过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>进价（元/单位）</source>
        <translation>Unit cost (yuan)</translation>
    </message>
    <message>
        <source>进货</source>
        <translation>Receive</translation>
    </message>
    <message>
        <source>退货</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>退货给供应商</source>
        <translation>Return to supplier</translation>
    </message>
    <message>
        <source>退货退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>金额（元，整行）</source>
        <translation>Line amount (yuan)</translation>
    </message>
    <message>
        <source>销售</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>预警库存</source>
        <translation>Reorder point</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>会员分析…</source>
        <translation>Member analytics…</translation>
    </message>
    <message>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>%1 至 %2：净销售额 %3</source>
        <translation>%1 to %2: net sales %3</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel files (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>优惠金额</source>
        <translation>Discounts</translation>
    </message>
    <message>
        <source>会员卡号</source>
        <translation>Member card number</translation>
    </message>
    <message>
        <source>会员对账单</source>
        <translation>Member statement</translation>
    </message>
    <message>
        <source>会员销售占比</source>
        <translation>Member share of sales</translation>
    </message>
    <message>
        <source>会员销售额</source>
        <translation>Member sales</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>作废单数</source>
        <translation>Void count</translation>
    </message>
    <message>
        <source>作废的销售不计入任何数字；退货计入退款当天，从销售额中扣除。</source>
        <translation>Voided sales count in no figure; a refund counts on the day it was paid back, taken off that day's sales.</translation>
    </message>
    <message>
        <source>作废金额</source>
        <translation>Voided amount</translation>
    </message>
    <message>
        <source>作废（%1 单，不计入销售）</source>
        <translation>Voids (%1, not counted as sales)</translation>
    </message>
    <message>
        <source>储值</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <source>储值变动</source>
        <translation>Stored value moves</translation>
    </message>
    <message>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <source>充值</source>
        <translation>Top-up</translation>
    </message>
    <message>
        <source>充值/次卡/办卡收款</source>
        <translation>Top-ups, count cards, fees</translation>
    </message>
    <message>
        <source>充值赠送金</source>
        <translation>Top-up bonus</translation>
    </message>
    <message>
        <source>充值（%1 笔）本金</source>
        <translation>Top-ups (%1), principal</translation>
    </message>
    <message>
        <source>兑换</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>净销售额</source>
        <translation>Net sales</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <source>办卡费</source>
        <translation>Membership fees</translation>
    </message>
    <message>
        <source>单件毛利</source>
        <translation>Profit per unit</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>原小票号</source>
        <translation>Original receipt</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>存零</source>
        <translation>Change kept</translation>
    </message>
    <message>
        <source>客单价</source>
        <translation>Average ticket</translation>
    </message>
    <message>
        <source>对账单</source>
        <translation>Statement</translation>
    </message>
    <message>
        <source>导出 Excel / CSV</source>
        <translation>Export Excel / CSV</translation>
    </message>
    <message>
        <source>导出报表</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>小票号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <source>已生成 %1</source>
        <translation>Wrote %1</translation>
    </message>
    <message>
        <source>已生成 %1：%2 笔</source>
        <translation>Wrote %1: %2 entries</translation>
    </message>
    <message>
        <source>已退金额</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>微信支付</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>成本</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>手工调整</source>
        <translation>Manual adjustment</translation>
    </message>
    <message>
        <source>打印对账单</source>
        <translation>Print statement</translation>
    </message>
    <message>
        <source>打印对账单 (PDF)</source>
        <translation>Print statement (PDF)</translation>
    </message>
    <message>
        <source>打印日报</source>
        <translation>Print daily summary</translation>
    </message>
    <message>
        <source>打印日报 (PDF)</source>
        <translation>Print daily summary (PDF)</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>挂账</source>
        <translation>On account</translation>
    </message>
    <message>
        <source>按商品</source>
        <translation>By product</translation>
    </message>
    <message>
        <source>按支付方式</source>
        <translation>By tender</translation>
    </message>
    <message>
        <source>按收银员</source>
        <translation>By cashier</translation>
    </message>
    <message>
        <source>按日</source>
        <translation>By day</translation>
    </message>
    <message>
        <source>按时段</source>
        <translation>By hour</translation>
    </message>
    <message>
        <source>按类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>授权人</source>
        <translation>Approver</translation>
    </message>
    <message>
        <source>支付宝</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>支付方式</source>
        <translation>Tender</translation>
    </message>
    <message>
        <source>支付方式构成</source>
        <translation>Tender mix</translation>
    </message>
    <message>
        <source>收银员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>时段</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>昨天</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>期初</source>
        <translation>Opening</translation>
    </message>
    <message>
        <source>期初余额</source>
        <translation>Opening balance</translation>
    </message>
    <message>
        <source>期末</source>
        <translation>Closing</translation>
    </message>
    <message>
        <source>期末储值余额：本金</source>
        <translation>Stored value owed at the end: principal</translation>
    </message>
    <message>
        <source>期末储值余额：赠送金</source>
        <translation>Stored value owed at the end: bonus</translation>
    </message>
    <message>
        <source>期末积分余额</source>
        <translation>Points outstanding at the end</translation>
    </message>
    <message>
        <source>未计成本的销售额</source>
        <translation>Sales without a cost</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>本金</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>次卡销售</source>
        <translation>Count cards sold</translation>
    </message>
    <message>
        <source>每单毛利</source>
        <translation>Profit per order</translation>
    </message>
    <message>
        <source>毛利</source>
        <translation>Profit</translation>
    </message>
    <message>
        <source>毛利率</source>
        <translation>Margin</translation>
    </message>
    <message>
        <source>汇总</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>消费</source>
        <translation>Spend</translation>
    </message>
    <message>
        <source>消费得积分</source>
        <translation>Earned</translation>
    </message>
    <message>
        <source>清零</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>畅销商品</source>
        <translation>Best sellers</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>积分抵现</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>笔数</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>To date</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>营业日</source>
        <translation>Business day</translation>
    </message>
    <message>
        <source>营业日报</source>
        <translation>Daily summary</translation>
    </message>
    <message>
        <source>营业汇总</source>
        <translation>Sales summary</translation>
    </message>
    <message>
        <source>该期间没有变动</source>
        <translation>No entries in this period</translation>
    </message>
    <message>
        <source>该期间没有销售</source>
        <translation>No sales in this period</translation>
    </message>
    <message>
        <source>请先选择有效的期间</source>
        <translation>Choose a valid period first</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>赠送</source>
        <translation>Gift</translation>
    </message>
    <message>
        <source>赠送金</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>退本金</source>
        <translation>Principal refunded</translation>
    </message>
    <message>
        <source>退货</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>退货与作废</source>
        <translation>Refunds and voids</translation>
    </message>
    <message>
        <source>退货单数</source>
        <translation>Refund count</translation>
    </message>
    <message>
        <source>退货扣回</source>
        <translation>Taken back by a refund</translation>
    </message>
    <message>
        <source>退货退回</source>
        <translation>Returned by a refund</translation>
    </message>
    <message>
        <source>退货额</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <source>退货（%1 单）</source>
        <translation>Refunds (%1)</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <source>销售单数</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>销售走势（净销售额）</source>
        <translation>Sales over time (net)</translation>
    </message>
    <message>
        <source>销售额</source>
        <translation>Sales amount</translation>
    </message>
</context>
<context>
    <name>PromotionsScreen</name>
    <message>
        <source>促销管理</source>
        <translation>Promotions</translation>
    </message>
    <message>
        <source>促销规则</source>
        <translation>Promotion rules</translation>
    </message>
    <message>
        <source>促销黑名单</source>
        <translation>Promotion blacklist</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>叠加</source>
        <translation>Stacks</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Retire</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>请先选择一条促销</source>
        <translation>Choose a promotion first</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>卡号或手机号</source>
        <translation>Card no. or phone</translation>
    </message>
    <message>
        <source>加入黑名单</source>
        <translation>Add to blacklist</translation>
    </message>
    <message>
        <source>移出黑名单</source>
        <translation>Remove from blacklist</translation>
    </message>
    <message>
        <source>请先选择一位会员</source>
        <translation>Choose a member first</translation>
    </message>
    <message>
        <source>单品折扣</source>
        <translation>Percent off</translation>
    </message>
    <message>
        <source>单品立减</source>
        <translation>Amount off</translation>
    </message>
    <message>
        <source>限时特价</source>
        <translation>Special price</translation>
    </message>
    <message>
        <source>多件优惠</source>
        <translation>Multi-buy</translation>
    </message>
    <message>
        <source>满减</source>
        <translation>Spend and save</translation>
    </message>
    <message>
        <source>满赠</source>
        <translation>Spend and get a gift</translation>
    </message>
    <message>
        <source>会员日</source>
        <translation>Member day</translation>
    </message>
    <message>
        <source>生日特权</source>
        <translation>Birthday privilege</translation>
    </message>
    <message>
        <source>新人礼包</source>
        <translation>Sign-up gift</translation>
    </message>
    <message>
        <source>员工赠券</source>
        <translation>Staff coupon</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>总部</source>
        <translation>Head office</translation>
    </message>
    <message>
        <source>本店</source>
        <translation>This store</translation>
    </message>
    <message>
        <source>列入方式</source>
        <translation>Listed by</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>Hand</translation>
    </message>
    <message>
        <source>带这些标签的会员</source>
        <translation>Members with these tags</translation>
    </message>
    <message>
        <source>统计天数</source>
        <translation>Days counted</translation>
    </message>
    <message>
        <source>退货次数达到</source>
        <translation>Refunds reaching</translation>
    </message>
    <message>
        <source>或退货金额达到（元）</source>
        <translation>or refunds worth (yuan)</translation>
    </message>
    <message>
        <source>保存规则</source>
        <translation>Save rules</translation>
    </message>
</context>
<context>
    <name>PromotionForm</name>
    <message>
        <source>修改促销</source>
        <translation>Change promotion</translation>
    </message>
    <message>
        <source>新增促销</source>
        <translation>New promotion</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Goods</translation>
    </message>
    <message>
        <source>全部商品</source>
        <translation>All products</translation>
    </message>
    <message>
        <source>留空保留原有 %1 件</source>
        <translation>Blank keeps the %1 products it has</translation>
    </message>
    <message>
        <source>指定商品（编码或条码）</source>
        <translation>Products (codes or barcodes)</translation>
    </message>
    <message>
        <source>排除商品</source>
        <translation>Excluded products</translation>
    </message>
    <message>
        <source>对象与时间</source>
        <translation>Who and when</translation>
    </message>
    <message>
        <source>适用对象</source>
        <translation>For</translation>
    </message>
    <message>
        <source>所有顾客</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>全部会员</source>
        <translation>All members</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>星期（1-7，留空为每天）</source>
        <translation>Weekdays (1-7, blank: every day)</translation>
    </message>
    <message>
        <source>每月几号</source>
        <translation>Days of the month</translation>
    </message>
    <message>
        <source>每天开始</source>
        <translation>Daily from</translation>
    </message>
    <message>
        <source>每天结束</source>
        <translation>Daily until</translation>
    </message>
    <message>
        <source>每位会员限用次数</source>
        <translation>Uses per member</translation>
    </message>
    <message>
        <source>可与其他优惠叠加</source>
        <translation>Stacks with other offers</translation>
    </message>
    <message>
        <source>优惠内容</source>
        <translation>What it gives</translation>
    </message>
    <message>
        <source>减百分比（如 10）</source>
        <translation>Percent off (e.g. 10)</translation>
    </message>
    <message>
        <source>减金额（元）</source>
        <translation>Amount off (yuan)</translation>
    </message>
    <message>
        <source>特价 / N 件价格（元）</source>
        <translation>Special / N-item price (yuan)</translation>
    </message>
    <message>
        <source>N 件</source>
        <translation>N items</translation>
    </message>
    <message>
        <source>第 N 件减百分比</source>
        <translation>Percent off the N-th item</translation>
    </message>
    <message>
        <source>门槛（元）</source>
        <translation>Threshold (yuan)</translation>
    </message>
    <message>
        <source>每满一次都减</source>
        <translation>Take off at every threshold</translation>
    </message>
    <message>
        <source>最多减（元）</source>
        <translation>At most (yuan)</translation>
    </message>
    <message>
        <source>赠品（编码或条码）</source>
        <translation>Gifts (codes or barcodes)</translation>
    </message>
    <message>
        <source>积分倍数</source>
        <translation>Points multiplier</translation>
    </message>
    <message>
        <source>生日范围</source>
        <translation>Birthday window</translation>
    </message>
    <message>
        <source>生日当天</source>
        <translation>The birthday</translation>
    </message>
    <message>
        <source>生日当周</source>
        <translation>The birthday's week</translation>
    </message>
    <message>
        <source>生日当月</source>
        <translation>The birthday's month</translation>
    </message>
    <message>
        <source>新人赠积分</source>
        <translation>Sign-up points</translation>
    </message>
    <message>
        <source>新人赠储值（元）</source>
        <translation>Sign-up stored value (yuan)</translation>
    </message>
    <message>
        <source>每位收银员每天限用</source>
        <translation>Per cashier per day</translation>
    </message>
    <message>
        <source>允许低于成本</source>
        <translation>Allow below cost</translation>
    </message>
    <message>
        <source>单品折扣</source>
        <translation>Percent off</translation>
    </message>
    <message>
        <source>单品立减</source>
        <translation>Amount off</translation>
    </message>
    <message>
        <source>限时特价</source>
        <translation>Special price</translation>
    </message>
    <message>
        <source>多件优惠</source>
        <translation>Multi-buy</translation>
    </message>
    <message>
        <source>满减</source>
        <translation>Spend and save</translation>
    </message>
    <message>
        <source>满赠</source>
        <translation>Spend and get a gift</translation>
    </message>
    <message>
        <source>会员日</source>
        <translation>Member day</translation>
    </message>
    <message>
        <source>生日特权</source>
        <translation>Birthday privilege</translation>
    </message>
    <message>
        <source>新人礼包</source>
        <translation>Sign-up gift</translation>
    </message>
    <message>
        <source>员工赠券</source>
        <translation>Staff coupon</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>总部促销（只读）</source>
        <translation>Head-office promotion (read-only)</translation>
    </message>
    <message>
        <source>指定分类（名称，逗号分开）</source>
        <translation>Categories (names, comma-separated)</translation>
    </message>
    <message>
        <source>排除分类</source>
        <translation>Excluded categories</translation>
    </message>
    <message>
        <source>指定卡类型</source>
        <translation>Listed card types</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>（未能保存问题报告）</source>
        <translation>(the problem report could not be saved)</translation>
    </message>
    <message>
        <source>抱歉，收银台出了一个意外的问题，刚才的操作没有完成；已完成的销售不受影响，可以继续收银。问题报告已保存在：%1</source>
        <translation>Sorry, the counter met an unexpected problem and the last action was not completed; sales already completed are not affected, and you can go on selling. A problem report was saved in: %1</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用收银台</source>
        <translation>Welcome to the store counter</translation>
    </message>
    <message>
        <source>数据目录 %1 里还没有收银数据。新开的店请按“下一步”填写门店、店主和设备。</source>
        <translation>The data directory %1 holds no counter data yet. For a new store, press Next and fill in the store, the owner and the devices.</translation>
    </message>
    <message>
        <source>若目录不对，请用 --data-dir 或 POS_DATA_DIR 指定正确的目录；</source>
        <translation> If this is the wrong directory, name the right one with --data-dir or POS_DATA_DIR;</translation>
    </message>
    <message>
        <source>若数据丢失，请用 python main.py restore 从备份恢复。</source>
        <translation> if the data was lost, restore it from a backup with python main.py restore.</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>试用演示门店</source>
        <translation>Try the demo store</translation>
    </message>
    <message>
        <source>只想先看看？演示门店带有商品和员工账号：</source>
        <translation>Just looking? The demo store comes with products and staff accounts:</translation>
    </message>
</context>
<context>
    <name>StorePage</name>
    <message>
        <source>门店</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>小票上印的门店信息，以后可在设置中修改。</source>
        <translation>What receipts say about the store; you can change it later in the settings.</translation>
    </message>
    <message>
        <source>门店编码</source>
        <translation>Store code</translation>
    </message>
    <message>
        <source>门店名称</source>
        <translation>Store name</translation>
    </message>
    <message>
        <source>地址（印在小票上）</source>
        <translation>Address (printed on receipts)</translation>
    </message>
    <message>
        <source>电话（印在小票上）</source>
        <translation>Phone (printed on receipts)</translation>
    </message>
    <message>
        <source>营业日结束时间（点）</source>
        <translation>Business day ends at (hour)</translation>
    </message>
    <message>
        <source>0 到 12，如 4 表示凌晨 4 点</source>
        <translation>0 to 12; 4 means 4 a.m.</translation>
    </message>
</context>
<context>
    <name>OwnerPage</name>
    <message>
        <source>店主</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>店主可以管理员工、商品和设置；密码为 4 到 12 位数字。</source>
        <translation>The owner manages staff, products and settings; the PIN is 4 to 12 digits.</translation>
    </message>
    <message>
        <source>店主姓名</source>
        <translation>Owner's name</translation>
    </message>
    <message>
        <source>登录密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>再输一次密码</source>
        <translation>PIN again</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>打印机与读卡器</source>
        <translation>Printer and card reader</translation>
    </message>
    <message>
        <source>没有打印机可先填 dummy:，以后在设备设置中修改。</source>
        <translation>Without a printer, enter dummy: for now and change it later in the device settings.</translation>
    </message>
    <message>
        <source>打印机地址</source>
        <translation>Printer address</translation>
    </message>
    <message>
        <source>58 毫米</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <source>80 毫米</source>
        <translation>80 mm</translation>
    </message>
    <message>
        <source>小票宽度</source>
        <translation>Receipt width</translation>
    </message>
    <message>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>USB 键盘式（刷卡即输入）</source>
        <translation>USB keyboard type (a swipe types the number)</translation>
    </message>
    <message>
        <source>串口读卡器</source>
        <translation>Serial card reader</translation>
    </message>
    <message>
        <source>不使用读卡器</source>
        <translation>No card reader</translation>
    </message>
    <message>
        <source>读卡器类型</source>
        <translation>Card reader type</translation>
    </message>
    <message>
        <source>读卡器串口</source>
        <translation>Card reader port</translation>
    </message>
    <message>
        <source>点这里后刷卡</source>
        <translation>Click here, then swipe a card</translation>
    </message>
    <message>
        <source>刷卡测试</source>
        <translation>Swipe test</translation>
    </message>
    <message>
        <source>等待刷卡…</source>
        <translation>Waiting for a swipe…</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>打印失败：%1</source>
        <translation>Printing failed: %1</translation>
    </message>
    <message>
        <source>测试小票已打印，请检查中文和金额是否清楚</source>
        <translation>Test slip printed: check that the Chinese text and the amounts are clear</translation>
    </message>
    <message>
        <source>读卡失败：%1</source>
        <translation>Card not read: %1</translation>
    </message>
    <message>
        <source>读卡成功：%1（%2 位）</source>
        <translation>Card read: %1 (%2 characters)</translation>
    </message>
</context>
<context>
    <name>HeadOfficePage</name>
    <message>
        <source>总部（可不填）</source>
        <translation>Head office (optional)</translation>
    </message>
    <message>
        <source>单店使用请留空。连锁门店请填写总部 add-store 给出的地址、设备编号和密钥。</source>
        <translation>Leave blank for a single store. A chain store enters the address, device id and secret the head office's add-store gave.</translation>
    </message>
    <message>
        <source>总部地址</source>
        <translation>Head office address</translation>
    </message>
    <message>
        <source>设备编号</source>
        <translation>Device id</translation>
    </message>
    <message>
        <source>密钥</source>
        <translation>Secret</translation>
    </message>
</context>
<context>
    <name>FirstRunSetup</name>
    <message>
        <source>新店设置</source>
        <translation>New store set-up</translation>
    </message>
    <message>
        <source>完成，开始收银</source>
        <translation>Finish and start selling</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>检查通过的备份（最新的在上）</source>
        <translation>Backups that passed their checks (newest first)</translation>
    </message>
    <message>
        <source>备份列表</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>选择其他备份文件…</source>
        <translation>Choose another backup file…</translation>
    </message>
    <message>
        <source>选择其他备份文件</source>
        <translation>Choose another backup file</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>请选择要恢复的备份</source>
        <translation>Choose the backup to restore</translation>
    </message>
    <message>
        <source>备份检查结果</source>
        <translation>Backup check</translation>
    </message>
    <message>
        <source>我明白：恢复后，这个备份之后的销售和会员变动都不在了（当前数据库另存备查）</source>
        <translation>I understand: after the restore, the sales and member changes made since this backup are gone (the current database is kept aside)</translation>
    </message>
    <message>
        <source>确认恢复</source>
        <translation>Confirm the restore</translation>
    </message>
    <message>
        <source>恢复（需老板授权）</source>
        <translation>Restore (owner approval)</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore the backup</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>（副本文件夹）</source>
        <translation> (second folder)</translation>
    </message>
    <message>
        <source>还没有检查通过的备份：点“立即备份”做一份</source>
        <translation>No backup has passed its checks yet: press “Back up now” to make one</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>收银台备份 (*.db);;所有文件 (*)</source>
        <translation>Counter backups (*.db);;All files (*)</translation>
    </message>
    <message>
        <source>正在检查 %1 …</source>
        <translation>Checking %1 …</translation>
    </message>
    <message>
        <source>不能恢复：%1</source>
        <translation>Cannot restore: %1</translation>
    </message>
    <message>
        <source>%1 检查通过：%2</source>
        <translation>%1 passed its checks: %2</translation>
    </message>
    <message>
        <source>本机还有 %1 条记录未发送到总部，恢复后它们只留在另存的旧数据库中</source>
        <translation>%1 records have not been sent to the head office yet; after the restore they stay only in the database kept aside</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>已备份并检查通过：%1</source>
        <translation>Backed up and checked: %1</translation>
    </message>
    <message>
        <source>购物车里还有商品：请先结账、挂单或清空，再恢复备份</source>
        <translation>The cart still has items: pay, park or clear it before restoring a backup</translation>
    </message>
    <message>
        <source>请先勾选确认：恢复会换掉当前的全部数据</source>
        <translation>Tick the confirmation first: a restore replaces all current data</translation>
    </message>
    <message>
        <source>恢复备份只能由老板授权</source>
        <translation>Only the owner can approve restoring a backup</translation>
    </message>
</context>
<context>
    <name>MemberStatus</name>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已冻结</source>
        <translation>Frozen</translation>
    </message>
    <message>
        <source>已挂失</source>
        <translation>Reported lost</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
</context>
<context>
    <name>AutoTagForm</name>
    <message>
        <source>新增自动标签</source>
        <translation>New automatic tag</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>如 上班族、夜猫子</source>
        <translation>e.g. office worker, night owl</translation>
    </message>
    <message>
        <source>会员是谁（不填为不限）</source>
        <translation>Who the member is (blank: anyone)</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>年龄至少（岁）</source>
        <translation>Age at least</translation>
    </message>
    <message>
        <source>年龄至多（岁）</source>
        <translation>Age at most</translation>
    </message>
    <message>
        <source>如 20</source>
        <translation>e.g. 20</translation>
    </message>
    <message>
        <source>如 35</source>
        <translation>e.g. 35</translation>
    </message>
    <message>
        <source>等级（卡类型）</source>
        <translation>Level (card type)</translation>
    </message>
    <message>
        <source>怎么消费（统计最近若干天，不填为不限）</source>
        <translation>How they buy (over the last days; blank: any)</translation>
    </message>
    <message>
        <source>统计最近（天）</source>
        <translation>Over the last (days)</translation>
    </message>
    <message>
        <source>如 90</source>
        <translation>e.g. 90</translation>
    </message>
    <message>
        <source>常来时段从（点）</source>
        <translation>Usually comes from (hour)</translation>
    </message>
    <message>
        <source>0–23，如 18；至少一半的消费在此时段</source>
        <translation>0–23, e.g. 18; at least half of the purchases in these hours</translation>
    </message>
    <message>
        <source>到（点，不含）</source>
        <translation>Until (hour, excluded)</translation>
    </message>
    <message>
        <source>如 22</source>
        <translation>e.g. 22</translation>
    </message>
    <message>
        <source>客单价至少（元）</source>
        <translation>Average ticket at least (yuan)</translation>
    </message>
    <message>
        <source>如 200</source>
        <translation>e.g. 200</translation>
    </message>
    <message>
        <source>客单价至多（元）</source>
        <translation>Average ticket at most (yuan)</translation>
    </message>
    <message>
        <source>如 30</source>
        <translation>e.g. 30</translation>
    </message>
    <message>
        <source>消费次数至少</source>
        <translation>Purchases at least</translation>
    </message>
    <message>
        <source>如 4</source>
        <translation>e.g. 4</translation>
    </message>
    <message>
        <source>消费次数至多</source>
        <translation>Purchases at most</translation>
    </message>
    <message>
        <source>填 0 找出这段时间没来的会员</source>
        <translation>0 finds the members who did not come in that time</translation>
    </message>
</context>
<context>
    <name>ReportWidgets</name>
    <message>
        <source>该期间没有销售</source>
        <translation>No sales in this period</translation>
    </message>
    <message>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <source>导出 Excel / CSV</source>
        <translation>Export Excel / CSV</translation>
    </message>
    <message>
        <source>导出报表</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel files (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>没有可导出的内容</source>
        <translation>Nothing to export</translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>To</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>查询结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>MemberAnalyticsScreen</name>
    <message>
        <source>；%1 月只算到 %2 日</source>
        <translation>; %1 counts up to day %2 only</translation>
    </message>
    <message>
        <source>最近 12 个月</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <source>最近 3 个月</source>
        <translation>Last 3 months</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>从未消费</source>
        <translation>Never bought</translation>
    </message>
    <message>
        <source>同一天</source>
        <translation>Same day</translation>
    </message>
    <message>
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>%1（批数；三角表见“留存”页）</source>
        <translation>%1 (the number of cohorts; the triangle is under “Retention”)</translation>
    </message>
    <message>
        <source>指标名称</source>
        <translation>Metric</translation>
    </message>
    <message>
        <source>会员分析</source>
        <translation>Member analytics</translation>
    </message>
    <message>
        <source>分组与分层</source>
        <translation>Groups and segments</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Metrics</translation>
    </message>
    <message>
        <source>留存</source>
        <translation>Retention</translation>
    </message>
    <message>
        <source>到店间隔</source>
        <translation>Visit gaps</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>各分组与分层的人数</source>
        <translation>Members in each group and segment</translation>
    </message>
    <message>
        <source>选择一个分组或分层，查看其会员</source>
        <translation>Choose a group or segment to see its members</translation>
    </message>
    <message>
        <source>按入会月份分批：每批会员在入会当月（第 0 月）及之后每个月有消费的比例</source>
        <translation>Members by the month they joined: the share of each cohort who bought in the joining month (month 0) and in each month after it</translation>
    </message>
    <message>
        <source>各批会员的月留存</source>
        <translation>Monthly retention of each cohort</translation>
    </message>
    <message>
        <source>各批会员的月留存（最近 %1 个入会月份）</source>
        <translation>Monthly retention of each cohort (the last %1 joining months)</translation>
    </message>
    <message>
        <source>会员相邻两次消费相隔的天数</source>
        <translation>Days between a member's two consecutive purchases</translation>
    </message>
    <message>
        <source>后一次消费在期间内的每一对相邻消费，按相隔天数分段</source>
        <translation>Every pair of consecutive purchases whose later one is in the period, by days between them</translation>
    </message>
    <message>
        <source>正在计算…（数据多时需要几秒钟）</source>
        <translation>Computing… (a few seconds on a big store)</translation>
    </message>
    <message>
        <source>%1 至 %2（分组与分层按 %2 当天计算）</source>
        <translation>%1 to %2 (groups and segments as on %2)</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>分层</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>定义（当前条件）</source>
        <translation>Definition (current thresholds)</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>%1 当天的分组（001）与价值分层（003）；一位会员可以同时在几个里</source>
        <translation>Groups (001) and value segments (003) on %1; a member may be in several</translation>
    </message>
    <message>
        <source>%1 当天没有会员属于任何分组或分层</source>
        <translation>On %1 no member is in any group or segment</translation>
    </message>
    <message>
        <source>“%1”在 %2 没有会员。条件：%3</source>
        <translation>No member is in “%1” on %2. The rule: %3</translation>
    </message>
    <message>
        <source>正在读取“%1”的会员…</source>
        <translation>Reading the members of “%1”…</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>入会日期</source>
        <translation>Joined on</translation>
    </message>
    <message>
        <source>最近消费</source>
        <translation>Last purchase</translation>
    </message>
    <message>
        <source>消费次数</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <source>近一年消费</source>
        <translation>Spend, last year</translation>
    </message>
    <message>
        <source>累计消费</source>
        <translation>Spend, all time</translation>
    </message>
    <message>
        <source>“%1”：%2 人，按近一年消费从多到少</source>
        <translation>“%1”: %2 members, by last year's spend, highest first</translation>
    </message>
    <message>
        <source>（显示前 %1 人，导出包含全部）</source>
        <translation> (the first %1 shown; the export holds them all)</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>定义</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>%1 至 %2 的会员指标（两端都含；金额扣除截至 %2 的退货）</source>
        <translation>Member metrics from %1 to %2 (both included; amounts net of refunds made by %2)</translation>
    </message>
    <message>
        <source>期间内没有新入会的会员，没有可计算留存的批次</source>
        <translation>No member joined in this period: there is no cohort to follow</translation>
    </message>
    <message>
        <source>入会月份</source>
        <translation>Joined in</translation>
    </message>
    <message>
        <source>第 %1 月</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <source>%1（%2 人）</source>
        <translation>%1 (%2 members)</translation>
    </message>
    <message>
        <source>入会后第几个月</source>
        <translation>Months since joining</translation>
    </message>
    <message>
        <source>相隔天数</source>
        <translation>Days between</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>期间内没有会员再次消费，没有间隔可画（每位会员至少要消费两次）</source>
        <translation>No member came back in this period: no gap to draw (it takes two purchases)</translation>
    </message>
    <message>
        <source>修改分群条件</source>
        <translation>Change thresholds</translation>
    </message>
    <message>
        <source>修改会员分组与价值分层的条件</source>
        <translation>Change the thresholds of the member groups and value segments</translation>
    </message>
</context>
<context>
    <name>AnalyticsTerms</name>
    <message>
        <source>新会员（低客单）</source>
        <translation>New, low ticket</translation>
    </message>
    <message>
        <source>首次消费在最近 %1 天内，累计消费不超过 %2 次，平均客单价低于 %3 元</source>
        <translation>First purchase within the last %1 days, at most %2 purchases in all, average ticket below %3 yuan</translation>
    </message>
    <message>
        <source>新会员（高客单）</source>
        <translation>New, high ticket</translation>
    </message>
    <message>
        <source>首次消费在最近 %1 天内，累计消费不超过 %2 次，平均客单价不低于 %3 元</source>
        <translation>First purchase within the last %1 days, at most %2 purchases in all, average ticket at least %3 yuan</translation>
    </message>
    <message>
        <source>活跃会员</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>最近 %1 天内消费至少 %2 次，这些消费的平均客单价不低于 %3 元</source>
        <translation>At least %2 purchases within the last %1 days, averaging at least %3 yuan</translation>
    </message>
    <message>
        <source>忠诚会员</source>
        <translation>Loyal</translation>
    </message>
    <message>
        <source>最近 %1 天内消费 %2 到 %3 次，但最近 %4 天内没有消费</source>
        <translation>%2 to %3 purchases within the last %1 days, but none within the last %4 days</translation>
    </message>
    <message>
        <source>粉丝会员</source>
        <translation>Fan</translation>
    </message>
    <message>
        <source>最近 %1 天内消费至少 %2 次，且每一单都不低于 %3 元</source>
        <translation>At least %2 purchases within the last %1 days, every one at least %3 yuan</translation>
    </message>
    <message>
        <source>高消费总额</source>
        <translation>High total spend</translation>
    </message>
    <message>
        <source>最近 %1 天的消费总额排在有消费会员的前 %2%</source>
        <translation>Spend over the last %1 days in the top %2% of the members who bought</translation>
    </message>
    <message>
        <source>高单价</source>
        <translation>High ticket</translation>
    </message>
    <message>
        <source>最近 %1 天内最大的一单不低于全店同期平均客单价的 %2%</source>
        <translation>Largest ticket of the last %1 days at least %2% of the store's average ticket over the same days</translation>
    </message>
    <message>
        <source>高忠诚度</source>
        <translation>High loyalty</translation>
    </message>
    <message>
        <source>最近 %1 天的消费总额排在前 %2%，至少消费 2 次，相邻两次消费及最后一次消费距今都不超过 %3 天</source>
        <translation>Spend over the last %1 days in the top %2%, at least 2 purchases, no more than %3 days between two purchases nor since the last one</translation>
    </message>
    <message>
        <source>低价高频</source>
        <translation>Bargain hunter, frequent</translation>
    </message>
    <message>
        <source>最近 %1 天买促销商品的金额排在买过促销商品的会员的前 %2%</source>
        <translation>Value bought on promotion over the last %1 days in the top %2% of the members who bought on promotion</translation>
    </message>
    <message>
        <source>低价低频</source>
        <translation>Bargain hunter, rare</translation>
    </message>
    <message>
        <source>最近 %1 天买过促销商品，金额排在这些会员的后 %2%</source>
        <translation>Bought on promotion in the last %1 days, the value in the bottom %2% of those members</translation>
    </message>
    <message>
        <source>沉默会员</source>
        <translation>Silent</translation>
    </message>
    <message>
        <source>最近 %1 天的消费频率不到其以往频率的 %2%（首次消费早于这 %1 天，最近 %3 天内消费过）</source>
        <translation>Bought in the last %1 days at under %2% of their usual rate (first purchase before those %1 days, a purchase within the last %3 days)</translation>
    </message>
    <message>
        <source>睡眠会员</source>
        <translation>Sleeping</translation>
    </message>
    <message>
        <source>入会已满 %1 天，且最近 %1 天内没有消费（从未消费的也算）</source>
        <translation>A member for %1 days or more, with no purchase within the last %1 days (never bought counts too)</translation>
    </message>
    <message>
        <source>会员总数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>截至结束日已入会的会员数</source>
        <translation>Members who joined by the end day</translation>
    </message>
    <message>
        <source>新增会员</source>
        <translation>New members</translation>
    </message>
    <message>
        <source>期间内入会的会员数</source>
        <translation>Members who joined in the period</translation>
    </message>
    <message>
        <source>会员激活率</source>
        <translation>Activation rate</translation>
    </message>
    <message>
        <source>新增会员 ÷ 会员总数</source>
        <translation>New members ÷ members</translation>
    </message>
    <message>
        <source>会员流失率</source>
        <translation>Churn rate</translation>
    </message>
    <message>
        <source>结束日的睡眠会员（最近 %1 天内没有消费）÷ 会员总数</source>
        <translation>Members sleeping on the end day (no purchase within the last %1 days) ÷ members</translation>
    </message>
    <message>
        <source>销售额</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>期间内全部消费（会员与散客）的金额，扣除截至结束日的退货</source>
        <translation>Every purchase of the period (members and walk-ins), net of refunds made by the end day</translation>
    </message>
    <message>
        <source>会员销售额</source>
        <translation>Member sales</translation>
    </message>
    <message>
        <source>期间内会员消费的金额，扣除退货</source>
        <translation>Members' purchases of the period, net of refunds</translation>
    </message>
    <message>
        <source>会员交易额占比</source>
        <translation>Member share of sales</translation>
    </message>
    <message>
        <source>会员销售额 ÷ 销售额（两者都已扣除退货）</source>
        <translation>Member sales ÷ sales (both net of refunds)</translation>
    </message>
    <message>
        <source>活跃会员数</source>
        <translation>Active members</translation>
    </message>
    <message>
        <source>期间内至少消费一次的会员数</source>
        <translation>Members with at least one purchase in the period</translation>
    </message>
    <message>
        <source>重复购买率</source>
        <translation>Repeat rate</translation>
    </message>
    <message>
        <source>期间内消费至少 2 次的会员 ÷ 活跃会员数</source>
        <translation>Members with at least 2 purchases in the period ÷ active members</translation>
    </message>
    <message>
        <source>日活</source>
        <translation>Daily active members</translation>
    </message>
    <message>
        <source>期间内每天有消费的会员数的平均值</source>
        <translation>Members who bought on a day, averaged over the days of the period</translation>
    </message>
    <message>
        <source>周活</source>
        <translation>Weekly active members</translation>
    </message>
    <message>
        <source>截至结束日的 7 天内有消费的会员数</source>
        <translation>Members who bought within the 7 days to the end day</translation>
    </message>
    <message>
        <source>月活</source>
        <translation>Monthly active members</translation>
    </message>
    <message>
        <source>截至结束日的 30 天内有消费的会员数</source>
        <translation>Members who bought within the 30 days to the end day</translation>
    </message>
    <message>
        <source>人均消费次数</source>
        <translation>Visits per active member</translation>
    </message>
    <message>
        <source>期间内会员的消费单数 ÷ 活跃会员数</source>
        <translation>Members' purchases in the period ÷ active members</translation>
    </message>
    <message>
        <source>人均消费金额</source>
        <translation>Spend per active member</translation>
    </message>
    <message>
        <source>会员销售额 ÷ 活跃会员数</source>
        <translation>Member sales ÷ active members</translation>
    </message>
    <message>
        <source>客单价</source>
        <translation>Average ticket</translation>
    </message>
    <message>
        <source>销售额 ÷ 消费单数（会员与散客）</source>
        <translation>Sales ÷ purchases (members and walk-ins)</translation>
    </message>
    <message>
        <source>会员客单价</source>
        <translation>Member average ticket</translation>
    </message>
    <message>
        <source>会员销售额 ÷ 会员消费单数</source>
        <translation>Member sales ÷ members' purchases</translation>
    </message>
    <message>
        <source>件单价</source>
        <translation>Average item price</translation>
    </message>
    <message>
        <source>销售额 ÷ 售出件数（称重商品每行算一件）</source>
        <translation>Sales ÷ items sold (a weighed product's line is one item)</translation>
    </message>
    <message>
        <source>连带率</source>
        <translation>Items per ticket</translation>
    </message>
    <message>
        <source>售出件数 ÷ 消费单数</source>
        <translation>Items sold ÷ purchases</translation>
    </message>
    <message>
        <source>最近一次消费</source>
        <translation>Recency</translation>
    </message>
    <message>
        <source>结束日的会员按最近一次消费距结束日的天数分段</source>
        <translation>Members on the end day by days from their last purchase to the end day</translation>
    </message>
    <message>
        <source>消费间隔分布</source>
        <translation>Days between visits</translation>
    </message>
    <message>
        <source>会员相邻两次消费相隔的天数（后一次在期间内）</source>
        <translation>Days between a member's consecutive purchases (the later one in the period)</translation>
    </message>
    <message>
        <source>当月会员构成</source>
        <translation>Member mix of the month</translation>
    </message>
    <message>
        <source>结束日所在月份（到结束日为止）有消费的会员，按来历分</source>
        <translation>Members who bought in the end day's month (up to the end day), by where they come from</translation>
    </message>
    <message>
        <source>按月留存</source>
        <translation>Retention by monthly cohort</translation>
    </message>
    <message>
        <source>按入会月份分批，每批会员在入会当月及之后每个月有消费的比例</source>
        <translation>Members by the month they joined: the share of each cohort who bought in the joining month and in each month after it</translation>
    </message>
    <message>
        <source>当月有消费的会员</source>
        <translation>Members who bought this month</translation>
    </message>
    <message>
        <source>结束日所在月份到结束日为止至少消费一次</source>
        <translation>At least one purchase in the end day's month, up to the end day</translation>
    </message>
    <message>
        <source>新客</source>
        <translation>New</translation>
    </message>
    <message>
        <source>第一次消费就在本月</source>
        <translation>First purchase ever in this month</translation>
    </message>
    <message>
        <source>持续活跃</source>
        <translation>Continuing</translation>
    </message>
    <message>
        <source>上个月也有消费</source>
        <translation>Also bought in the month before</translation>
    </message>
    <message>
        <source>回流</source>
        <translation>Returning</translation>
    </message>
    <message>
        <source>以前消费过，上个月没有消费</source>
        <translation>Bought before, not in the month before</translation>
    </message>
    <message>
        <source>其中忠诚会员</source>
        <translation>of them loyal</translation>
    </message>
    <message>
        <source>结束日属于“忠诚会员”分组</source>
        <translation>In the loyal group on the end day</translation>
    </message>
    <message>
        <source>其中高价值会员</source>
        <translation>of them high value</translation>
    </message>
    <message>
        <source>结束日属于“高消费总额”分层</source>
        <translation>In the high total spend segment on the end day</translation>
    </message>
</context>
<context>
    <name>CampaignsScreen</name>
    <message>
        <source>营销活动</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>营销活动列表</source>
        <translation>Campaign list</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>名单来源</source>
        <translation>List source</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>优惠</source>
        <translation>Offer</translation>
    </message>
    <message>
        <source>活动期</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>回流效果</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>回流人数</source>
        <translation>Came back</translation>
    </message>
    <message>
        <source>回流率</source>
        <translation>Recall rate</translation>
    </message>
    <message>
        <source>消费笔数</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <source>消费金额</source>
        <translation>Spend</translation>
    </message>
    <message>
        <source>回流会员人均消费</source>
        <translation>Spend per returning member</translation>
    </message>
    <message>
        <source>回流效果说明</source>
        <translation>What the recall counts</translation>
    </message>
    <message>
        <source>操作结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>新建活动（需店长授权）</source>
        <translation>New campaign (manager)</translation>
    </message>
    <message>
        <source>新建活动</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <source>发放（需店长授权）</source>
        <translation>Issue (manager)</translation>
    </message>
    <message>
        <source>发放优惠</source>
        <translation>Issue the offer</translation>
    </message>
    <message>
        <source>导出呼叫名单</source>
        <translation>Export call list</translation>
    </message>
    <message>
        <source>查看回流</source>
        <translation>Show recall</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已发放</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>未发放</source>
        <translation>Not issued</translation>
    </message>
    <message>
        <source>%1（另 %2 位卡不可用）</source>
        <translation>%1 (%2 more with a card not usable)</translation>
    </message>
    <message>
        <source>请先在列表中选择活动</source>
        <translation>Choose a campaign in the list first</translation>
    </message>
    <message>
        <source>新建营销活动</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <source>活动名称</source>
        <translation>Campaign name</translation>
    </message>
    <message>
        <source>如 双十二唤醒老会员</source>
        <translation>e.g. Win back old members</translation>
    </message>
    <message>
        <source>名单：建活动当天计算并保存，之后不随分群变化</source>
        <translation>List: taken and kept on the day the campaign is created; it does not follow later changes of the group</translation>
    </message>
    <message>
        <source>指定卡号（粘贴或从文件读取）</source>
        <translation>Card numbers (pasted or read from a file)</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card numbers</translation>
    </message>
    <message>
        <source>卡号之间用逗号、空格或换行隔开</source>
        <translation>Separate card numbers with commas, spaces or new lines</translation>
    </message>
    <message>
        <source>从 CSV 文件读取卡号…</source>
        <translation>Read card numbers from a CSV file…</translation>
    </message>
    <message>
        <source>从 CSV 文件读取卡号</source>
        <translation>Read card numbers from a CSV file</translation>
    </message>
    <message>
        <source>读取卡号</source>
        <translation>Read card numbers</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv *.txt);;所有文件 (*)</source>
        <translation>CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>优惠券：%1</source>
        <translation>Coupon: %1</translation>
    </message>
    <message>
        <source>赠送余额</source>
        <translation>Bonus balance</translation>
    </message>
    <message>
        <source>赠送积分</source>
        <translation>Bonus points</translation>
    </message>
    <message>
        <source>发放</source>
        <translation>Give</translation>
    </message>
    <message>
        <source>赠送金额（元）或积分</source>
        <translation>Bonus (yuan) or points</translation>
    </message>
    <message>
        <source>发优惠券时不填</source>
        <translation>Leave blank for a coupon</translation>
    </message>
    <message>
        <source>活动期：统计回流的日期，两端都算</source>
        <translation>Window: the days the recall counts, both ends included</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>已建活动“%1”：名单 %2 位，尚未发放</source>
        <translation>Campaign “%1” created: %2 members on the list, nothing issued yet</translation>
    </message>
    <message>
        <source>高消费总额</source>
        <translation>High total spend</translation>
    </message>
    <message>
        <source>高单价</source>
        <translation>High ticket</translation>
    </message>
    <message>
        <source>高忠诚度</source>
        <translation>High loyalty</translation>
    </message>
    <message>
        <source>低价高频</source>
        <translation>Bargain hunters, frequent</translation>
    </message>
    <message>
        <source>低价低频</source>
        <translation>Bargain hunters, rare</translation>
    </message>
    <message>
        <source>沉默会员</source>
        <translation>Silent members</translation>
    </message>
    <message>
        <source>睡眠会员</source>
        <translation>Sleeping members</translation>
    </message>
    <message>
        <source>新会员（低客单）</source>
        <translation>New members (low ticket)</translation>
    </message>
    <message>
        <source>新会员（高客单）</source>
        <translation>New members (high ticket)</translation>
    </message>
    <message>
        <source>活跃会员</source>
        <translation>Active members</translation>
    </message>
    <message>
        <source>忠诚会员</source>
        <translation>Loyal members</translation>
    </message>
    <message>
        <source>粉丝会员</source>
        <translation>Fans</translation>
    </message>
    <message>
        <source>已向 %1 位会员发放“%2”</source>
        <translation>Gave “%2” to %1 members</translation>
    </message>
    <message>
        <source>名单中的会员都已发放过，本次没有重复发放</source>
        <translation>Every member on the list was given the offer already; nothing was given twice</translation>
    </message>
    <message>
        <source>发放活动“%1”给 %2 位会员</source>
        <translation>Issue campaign “%1” to %2 members</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv);;Excel 文件 (*.xlsx)</source>
        <translation>CSV files (*.csv);;Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 %1 位会员，含完整手机号（已记入操作日志）</source>
        <translation>Exported %1 members with full phone numbers (recorded in the audit log)</translation>
    </message>
    <message>
        <source>已导出 %1 位会员，手机号已隐藏中间四位（完整号码仅限老板导出）</source>
        <translation>Exported %1 members, phone numbers masked (only the owner exports full numbers)</translation>
    </message>
    <message>
        <source>名单会员</source>
        <translation>On the list</translation>
    </message>
    <message>
        <source>指定卡号 %1 个</source>
        <translation>%1 card numbers given</translation>
    </message>
    <message>
        <source>%1（%2 计算）</source>
        <translation>%1 (taken on %2)</translation>
    </message>
    <message>
        <source>赠送余额 %1</source>
        <translation>Bonus balance %1</translation>
    </message>
    <message>
        <source>赠送积分 %1</source>
        <translation>Bonus points %1</translation>
    </message>
    <message>
        <source>对照会员</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>统计 %1 至 %2 的消费（不含作废，扣除退货）。用券 %3 张，优惠 %4。</source>
        <translation>Purchases from %1 to %2 (voids left out, refunds taken off). Coupons used: %3, taking off %4. </translation>
    </message>
    <message>
        <source>对照会员：未列入名单、建活动当天已是会员，</source>
        <translation>Baseline: members not on the list, members on the day the campaign was created, </translation>
    </message>
    <message>
        <source>且与名单中最近消费者同样久或更久未消费。</source>
        <translation>who had not bought for as long as the most recent buyer on the list, or longer.</translation>
    </message>
    <message>
        <source>会员名单“%1”（%2 计算）</source>
        <translation>Saved list “%1” (taken on %2)</translation>
    </message>
    <message>
        <source>会员名单：%1</source>
        <translation>Saved list: %1</translation>
    </message>
</context>
<context>
    <name>MemberFiltersScreen</name>
    <message>
        <source>会员筛选</source>
        <translation>Member filters</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>生日月份（农历生日按农历月）</source>
        <translation>Birth month (lunar birthdays by lunar month)</translation>
    </message>
    <message>
        <source>%1月</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>入会纪念日</source>
        <translation>Joining anniversary</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>新老会员</source>
        <translation>New or old members</translation>
    </message>
    <message>
        <source>新会员或老会员</source>
        <translation>New or old member</translation>
    </message>
    <message>
        <source>新会员：入会不超过</source>
        <translation>New: joined within</translation>
    </message>
    <message>
        <source>老会员：入会超过</source>
        <translation>Old: joined more than</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>days</translation>
    </message>
    <message>
        <source>天</source>
        <translation>days</translation>
    </message>
    <message>
        <source>入会时长（天）</source>
        <translation>Member for (days)</translation>
    </message>
    <message>
        <source>至少</source>
        <translation>At least</translation>
    </message>
    <message>
        <source>至多</source>
        <translation>At most</translation>
    </message>
    <message>
        <source>活跃度</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>活跃或不活跃</source>
        <translation>Active or inactive</translation>
    </message>
    <message>
        <source>活跃：有消费</source>
        <translation>active: bought</translation>
    </message>
    <message>
        <source>不活跃：没有消费</source>
        <translation>inactive: did not buy</translation>
    </message>
    <message>
        <source>近</source>
        <translation>In the last</translation>
    </message>
    <message>
        <source>天内</source>
        <translation>days</translation>
    </message>
    <message>
        <source>生肖（按农历出生年）</source>
        <translation>Chinese zodiac (by lunar birth year)</translation>
    </message>
    <message>
        <source>星座</source>
        <translation>Star sign</translation>
    </message>
    <message>
        <source>消费次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>统计天数</source>
        <translation>Window in days</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All time</translation>
    </message>
    <message>
        <source>近几天</source>
        <translation>In the last (days)</translation>
    </message>
    <message>
        <source>最近一次消费</source>
        <translation>Last purchase</translation>
    </message>
    <message>
        <source>累计消费金额（元）</source>
        <translation>Total spend (yuan)</translation>
    </message>
    <message>
        <source>累计积分</source>
        <translation>Total points earned</translation>
    </message>
    <message>
        <source>可用积分</source>
        <translation>Available points</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>如 VIP 老客户</source>
        <translation>e.g. VIP regular</translation>
    </message>
    <message>
        <source>须同时有</source>
        <translation>All of them</translation>
    </message>
    <message>
        <source>须同时有全部标签</source>
        <translation>Must carry every tag</translation>
    </message>
    <message>
        <source>卡类型</source>
        <translation>Card type</translation>
    </message>
    <message>
        <source>筛选条件</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>符合条件的会员数</source>
        <translation>Members found</translation>
    </message>
    <message>
        <source>符合条件的会员</source>
        <translation>Members found</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>入会日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>累计消费</source>
        <translation>Total spend</translation>
    </message>
    <message>
        <source>最近消费</source>
        <translation>Last purchase</translation>
    </message>
    <message>
        <source>已保存的名单</source>
        <translation>Saved lists</translation>
    </message>
    <message>
        <source>打开名单</source>
        <translation>Open list</translation>
    </message>
    <message>
        <source>删除名单</source>
        <translation>Delete list</translation>
    </message>
    <message>
        <source>操作结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>保存为名单</source>
        <translation>Save as list</translation>
    </message>
    <message>
        <source>导出 Excel / CSV</source>
        <translation>Export Excel / CSV</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1须是整数：%2</source>
        <translation>%1 must be a whole number: %2</translation>
    </message>
    <message>
        <source>金额不能是负数：%1</source>
        <translation>An amount cannot be negative: %1</translation>
    </message>
    <message>
        <source>请填写%1</source>
        <translation>Please fill in %1</translation>
    </message>
    <message>
        <source>入会天数</source>
        <translation>Days since joining</translation>
    </message>
    <message>
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>共 %1 位会员（显示前 %2 位，导出全部）</source>
        <translation>%1 members (the first %2 shown; the export has all)</translation>
    </message>
    <message>
        <source>共 %1 位会员</source>
        <translation>%1 members</translation>
    </message>
    <message>
        <source>请填写名单名称</source>
        <translation>Please name the list</translation>
    </message>
    <message>
        <source>名单名称</source>
        <translation>List name</translation>
    </message>
    <message>
        <source>已保存名单“%1”</source>
        <translation>List “%1” saved</translation>
    </message>
    <message>
        <source>还没有保存的名单</source>
        <translation>No list saved yet</translation>
    </message>
    <message>
        <source>名单“%1”</source>
        <translation>List “%1”</translation>
    </message>
    <message>
        <source>已删除名单“%1”</source>
        <translation>List “%1” deleted</translation>
    </message>
    <message>
        <source>请先筛选或打开一个名单</source>
        <translation>Filter or open a list first</translation>
    </message>
    <message>
        <source>导出会员名单</source>
        <translation>Export the member list</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel files (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已导出 %1 位会员到 %2</source>
        <translation>Exported %1 members to %2</translation>
    </message>
</context>
<context>
    <name>ThresholdsForm</name>
    <message>
        <source>修改分群条件</source>
        <translation>Change the group thresholds</translation>
    </message>
    <message>
        <source>新会员（低客单、高客单）</source>
        <translation>New members (low and high ticket)</translation>
    </message>
    <message>
        <source>首次消费在最近几天内（天）</source>
        <translation>First purchase within the last (days)</translation>
    </message>
    <message>
        <source>累计消费最多几次（次）</source>
        <translation>At most this many purchases in all</translation>
    </message>
    <message>
        <source>高低客单的分界：平均客单价（元）</source>
        <translation>Low/high ticket boundary: average ticket (yuan)</translation>
    </message>
    <message>
        <source>活跃会员</source>
        <translation>Active members</translation>
    </message>
    <message>
        <source>统计最近几天（天）</source>
        <translation>Window: the last (days)</translation>
    </message>
    <message>
        <source>至少消费几次（次）</source>
        <translation>At least this many purchases</translation>
    </message>
    <message>
        <source>平均客单价至少（元）</source>
        <translation>Average ticket at least (yuan)</translation>
    </message>
    <message>
        <source>忠诚会员</source>
        <translation>Loyal members</translation>
    </message>
    <message>
        <source>但最近几天内没有消费（天）</source>
        <translation>But no purchase within the last (days)</translation>
    </message>
    <message>
        <source>最多消费几次（次）</source>
        <translation>At most this many purchases</translation>
    </message>
    <message>
        <source>粉丝会员</source>
        <translation>Fans</translation>
    </message>
    <message>
        <source>每一单都至少（元）</source>
        <translation>Every ticket at least (yuan)</translation>
    </message>
    <message>
        <source>价值分层的排名</source>
        <translation>Ranking of the value segments</translation>
    </message>
    <message>
        <source>按最近几天的消费排名（天）</source>
        <translation>Rank by the spend of the last (days)</translation>
    </message>
    <message>
        <source>高消费总额</source>
        <translation>High total spend</translation>
    </message>
    <message>
        <source>消费总额排在前百分之几（%）</source>
        <translation>Total spend in the top (%)</translation>
    </message>
    <message>
        <source>高单价</source>
        <translation>High ticket</translation>
    </message>
    <message>
        <source>最大一单至少为全店平均客单价的百分之几（%）</source>
        <translation>Largest ticket at least this share of the store's average ticket (%)</translation>
    </message>
    <message>
        <source>高忠诚度</source>
        <translation>High loyalty</translation>
    </message>
    <message>
        <source>两次消费最多相隔几天（天）</source>
        <translation>At most this many days between two purchases</translation>
    </message>
    <message>
        <source>低价高频、低价低频</source>
        <translation>Bargain hunters, frequent and rare</translation>
    </message>
    <message>
        <source>促销消费金额排在前（后）百分之几（%）</source>
        <translation>Promotion spend in the top (bottom) (%)</translation>
    </message>
    <message>
        <source>沉默会员</source>
        <translation>Silent members</translation>
    </message>
    <message>
        <source>消费频率不到以往的百分之几（%）</source>
        <translation>Purchase rate under this share of their usual (%)</translation>
    </message>
    <message>
        <source>睡眠会员</source>
        <translation>Sleeping members</translation>
    </message>
    <message>
        <source>入会已满且未消费的天数（天）</source>
        <translation>Days a member for and without a purchase</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore defaults</translation>
    </message>
    <message>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <source>整数</source>
        <translation>whole number</translation>
    </message>
</context>
</TS>
