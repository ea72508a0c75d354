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
        <location filename="../../app/ui/i18n.py" line="89"/>
        <source>作废订单</source>
        <translation>Void an order</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="90"/>
        <source>退货退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="91"/>
        <source>修改售价</source>
        <translation>Change a price</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="92"/>
        <source>超出权限的折扣</source>
        <translation>A discount above your limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="95"/>
        <source>无销售开钱箱</source>
        <translation>Open the drawer without a sale</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="96"/>
        <source>钱箱存取现金</source>
        <translation>Put cash in or take it out</translation>
    </message>
    <message>
        <location filename="../../app/ui/i18n.py" line="97"/>
        <source>修改设备设置</source>
        <translation>Change device settings</translation>
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
    <name>CounterApp</name>
    <message>
        <location filename="../../app/ui/application.py" line="247"/>
        <location filename="../../app/ui/application.py" line="258"/>
        <source>收银台无法启动</source>
        <translation>The counter cannot start</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="248"/>
        <source>无法打开收银数据：%1</source>
        <translation>Cannot open the counter&apos;s data: %1</translation>
    </message>
</context>
<context>
    <name>CounterDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="50"/>
        <source>错误信息</source>
        <translation>Error</translation>
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
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="115"/>
        <source>设备设置</source>
        <extracomment>A sample the test slip and the display test show: Chinese, a full-width ￥ amount.</extracomment>
        <translation>Device settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="121"/>
        <source>设置分类</source>
        <translation>Setting pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="122"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="123"/>
        <source>读卡器与扫码</source>
        <translation>Card reader and scanner</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="124"/>
        <source>顾客显示</source>
        <translation>Customer display</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="125"/>
        <location filename="../../app/ui/settings_dialog.py" line="126"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="130"/>
        <location filename="../../app/ui/settings_dialog.py" line="131"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="148"/>
        <location filename="../../app/ui/settings_dialog.py" line="190"/>
        <source>打印机地址</source>
        <translation>Printer address</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="152"/>
        <source>打印机地址由环境变量 POS_PRINTER_URI 指定</source>
        <translation>The printer address is set by the POS_PRINTER_URI environment variable</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="156"/>
        <location filename="../../app/ui/settings_dialog.py" line="191"/>
        <source>纸宽</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="158"/>
        <source>58 mm（32 列）</source>
        <translation>58 mm (32 columns)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="159"/>
        <source>80 mm（48 列）</source>
        <translation>80 mm (48 columns)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="166"/>
        <location filename="../../app/ui/settings_dialog.py" line="192"/>
        <source>中文编码</source>
        <translation>Chinese encoding</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="168"/>
        <source>GB18030（推荐）</source>
        <translation>GB18030 (recommended)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="169"/>
        <source>GBK（老式打印机）</source>
        <translation>GBK (older printers)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="174"/>
        <location filename="../../app/ui/settings_dialog.py" line="193"/>
        <source>小票抬头</source>
        <translation>Receipt header</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="178"/>
        <location filename="../../app/ui/settings_dialog.py" line="194"/>
        <source>小票结尾</source>
        <translation>Receipt footer</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="181"/>
        <location filename="../../app/ui/settings_dialog.py" line="182"/>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="187"/>
        <source>测试打印结果</source>
        <translation>Test print result</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="204"/>
        <location filename="../../app/ui/settings_dialog.py" line="276"/>
        <source>读卡器类型</source>
        <translation>Card reader type</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="206"/>
        <source>USB 键盘式（刷卡即输入）</source>
        <translation>USB keyboard type (a swipe types)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="207"/>
        <source>串口读卡器</source>
        <translation>Serial card reader</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="208"/>
        <source>不使用读卡器</source>
        <translation>No card reader</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="212"/>
        <location filename="../../app/ui/settings_dialog.py" line="277"/>
        <source>读卡器串口</source>
        <translation>Card reader port</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="216"/>
        <location filename="../../app/ui/settings_dialog.py" line="278"/>
        <source>波特率</source>
        <translation>Baud rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="221"/>
        <location filename="../../app/ui/settings_dialog.py" line="279"/>
        <source>数据格式</source>
        <translation>Data framing</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="223"/>
        <source>以回车结束（CR）</source>
        <translation>Ends with CR</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="224"/>
        <source>以回车换行结束（CR LF）</source>
        <translation>Ends with CR LF</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="225"/>
        <source>STX 开始、ETX 结束</source>
        <translation>STX to ETX</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="230"/>
        <source>ETX 后带校验字节</source>
        <translation>Check byte after ETX</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="232"/>
        <location filename="../../app/ui/settings_dialog.py" line="281"/>
        <source>前缀</source>
        <translation>Prefix</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="233"/>
        <location filename="../../app/ui/settings_dialog.py" line="282"/>
        <source>后缀</source>
        <translation>Suffix</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="237"/>
        <location filename="../../app/ui/settings_dialog.py" line="283"/>
        <source>卡号最短位数</source>
        <translation>Card number: fewest characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="245"/>
        <location filename="../../app/ui/settings_dialog.py" line="284"/>
        <source>卡号最长位数</source>
        <translation>Card number: most characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="251"/>
        <source>卡号可含字母</source>
        <translation>Card numbers may contain letters</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="256"/>
        <location filename="../../app/ui/settings_dialog.py" line="286"/>
        <source>扫码按键间隔上限（毫秒）</source>
        <translation>Scanner: longest gap between keys (ms)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="263"/>
        <location filename="../../app/ui/settings_dialog.py" line="287"/>
        <source>扫码最少字符数</source>
        <translation>Scanner: fewest characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="267"/>
        <location filename="../../app/ui/settings_dialog.py" line="288"/>
        <source>刷卡测试</source>
        <translation>Swipe test</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="268"/>
        <source>点这里后刷卡，结果显示在下方</source>
        <translation>Click here, then swipe; the result shows below</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="271"/>
        <source>等待刷卡…</source>
        <translation>Waiting for a swipe…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="273"/>
        <source>刷卡测试结果</source>
        <translation>Swipe test result</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="295"/>
        <location filename="../../app/ui/settings_dialog.py" line="341"/>
        <source>客显串口</source>
        <translation>Pole display port</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="296"/>
        <source>留空表示没有客显，如 COM4</source>
        <translation>Empty for no pole display, e.g. COM4</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="299"/>
        <location filename="../../app/ui/settings_dialog.py" line="342"/>
        <source>客显波特率</source>
        <translation>Pole display baud rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="304"/>
        <location filename="../../app/ui/settings_dialog.py" line="343"/>
        <source>每行字数（列）</source>
        <translation>Columns per line</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="312"/>
        <location filename="../../app/ui/settings_dialog.py" line="344"/>
        <source>客显编码</source>
        <translation>Pole display encoding</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="319"/>
        <location filename="../../app/ui/settings_dialog.py" line="345"/>
        <source>客显指令集</source>
        <translation>Pole display commands</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="321"/>
        <source>ESC/POS（爱普生兼容）</source>
        <translation>ESC/POS (Epson compatible)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="322"/>
        <source>CD5220（常见国产客显）</source>
        <translation>CD5220 (common Chinese displays)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="326"/>
        <location filename="../../app/ui/settings_dialog.py" line="327"/>
        <source>测试客显</source>
        <translation>Test pole display</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="332"/>
        <source>客显测试结果</source>
        <translation>Pole display test result</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="335"/>
        <source>打开顾客副屏窗口</source>
        <translation>Open the customer screen window</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="338"/>
        <location filename="../../app/ui/settings_dialog.py" line="348"/>
        <source>副屏编号（0 为主屏）</source>
        <translation>Customer screen number (0 = main screen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="428"/>
        <source>设置未能保存：%1</source>
        <translation>The settings were not saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="430"/>
        <source>设备设置已保存，并已立即生效。</source>
        <translation>Device settings saved and in effect now.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="432"/>
        <source>打印机地址由环境变量 POS_PRINTER_URI 指定，未修改。</source>
        <translation> The printer address comes from the POS_PRINTER_URI environment variable and was not changed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="445"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="452"/>
        <source>打印失败：%1</source>
        <translation>Printing failed: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="454"/>
        <source>测试小票已打印，请检查中文和金额是否清楚</source>
        <translation>Test slip printed; check that the Chinese and the amounts are clear</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="468"/>
        <source>请先填写客显串口</source>
        <translation>Enter the pole display port first</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="470"/>
        <source>客显测试</source>
        <translation>Display test</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="479"/>
        <source>正在发送…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="486"/>
        <source>已发送，请看客显是否显示“客显测试”</source>
        <translation>Sent; check that the pole display shows the test text</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="503"/>
        <source>读卡成功：%1（%2 位）</source>
        <translation>Card read: %1 (%2 characters)</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="509"/>
        <source>读卡失败：%1</source>
        <translation>Card not read: %1</translation>
    </message>
</context>
<context>
    <name>Hardware</name>
    <message>
        <location filename="../../app/ui/hardware.py" line="218"/>
        <source>读卡器状态</source>
        <extracomment>How often the printer&apos;s paper sensor is asked while the screen is idle.</extracomment>
        <translation>Card reader status</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="221"/>
        <source>顾客显示屏状态</source>
        <translation>Customer display status</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="228"/>
        <source>设备(&amp;H)</source>
        <translation>&amp;Hardware</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="231"/>
        <source>打印任务</source>
        <translation>Print jobs</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="232"/>
        <source>设备设置（需店长授权）</source>
        <translation>Device settings (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="246"/>
        <source>已读取会员卡尾号 %1</source>
        <translation>Member card ending %1 read</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="249"/>
        <source>刷卡未成功：%1</source>
        <translation>Swipe not read: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="276"/>
        <source>读卡器：已连接</source>
        <translation>Card reader: connected</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="279"/>
        <source>读卡器：未连接</source>
        <translation>Card reader: not connected</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="294"/>
        <location filename="../../app/ui/hardware.py" line="306"/>
        <source>打印机：正常</source>
        <translation>Printer: OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="307"/>
        <source>打印机：纸将用完</source>
        <translation>Printer: paper low</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="308"/>
        <source>打印机：缺纸</source>
        <translation>Printer: out of paper</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="309"/>
        <source>打印机：未连接</source>
        <translation>Printer: not connected</translation>
    </message>
    <message>
        <location filename="../../app/ui/hardware.py" line="358"/>
        <source>顾客显示屏：未连接</source>
        <translation>Customer display: not connected</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="133"/>
        <source>扫码 / 按名称或拼音首字母查找</source>
        <extracomment>(key, what it does); shown by F1 and kept next to the code that binds the keys.</extracomment>
        <translation>Scan / search by name or pinyin initials</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="134"/>
        <source>帮助（本页）</source>
        <translation>Help (this page)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="135"/>
        <source>挂单</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="136"/>
        <source>取单</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="137"/>
        <source>修改数量</source>
        <translation>Change quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="138"/>
        <source>单品折扣</source>
        <translation>Line discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="139"/>
        <source>整单折扣</source>
        <translation>Order discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="140"/>
        <source>退货 / 作废</source>
        <translation>Refund / void</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="141"/>
        <source>重印上一张小票</source>
        <translation>Reprint last receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="142"/>
        <source>结账</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="143"/>
        <source>删除选中的商品行</source>
        <translation>Remove the selected line</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="144"/>
        <source>选择商品行</source>
        <translation>Select a line</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="145"/>
        <source>清空输入 / 返回</source>
        <translation>Clear input / back</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="151"/>
        <source>快捷键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="155"/>
        <source>快捷键列表</source>
        <translation>Key list</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="156"/>
        <source>按键</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="156"/>
        <source>功能</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="164"/>
        <location filename="../../app/ui/dialogs.py" line="165"/>
        <source>关闭</source>
        <translation>Close</translation>
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
    <name>ParkedCartsDialog</name>
    <message>
        <location filename="../../app/ui/parked.py" line="31"/>
        <location filename="../../app/ui/parked.py" line="61"/>
        <source>取单</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="35"/>
        <source>挂单列表</source>
        <translation>Parked carts</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="37"/>
        <source>备注</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="37"/>
        <source>收银员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="37"/>
        <source>行数</source>
        <translation>Lines</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="37"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="58"/>
        <source>没有挂单</source>
        <translation>No parked carts</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="60"/>
        <source>取单 (Enter)</source>
        <translation>Resume (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/parked.py" line="65"/>
        <location filename="../../app/ui/parked.py" line="66"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
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
        <location filename="../../app/ui/payment.py" line="181"/>
        <source>挂账须填写客户姓名</source>
        <translation>On account needs the customer&apos;s name</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="186"/>
        <source>非现金付款不能超过应收，还需 %1</source>
        <translation>Non-cash payments cannot exceed the amount due; %1 still due</translation>
    </message>
    <message>
        <location filename="../../app/ui/payment.py" line="236"/>
        <source>找零 %1</source>
        <translation>Change %1</translation>
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
</context>
<context>
    <name>ProductPickDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="178"/>
        <source>选择商品</source>
        <translation>Choose a product</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="181"/>
        <source>“%1”的查找结果：</source>
        <translation>Results for &quot;%1&quot;:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="184"/>
        <source>查找结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="193"/>
        <location filename="../../app/ui/dialogs.py" line="194"/>
        <source>加入购物车</source>
        <translation>Add to cart</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="197"/>
        <location filename="../../app/ui/dialogs.py" line="198"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PromptDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="104"/>
        <location filename="../../app/ui/dialogs.py" line="105"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="107"/>
        <location filename="../../app/ui/dialogs.py" line="108"/>
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
        <location filename="../../app/ui/refund.py" line="197"/>
        <source>“%1”最多可退 %2</source>
        <translation>At most %2 of &quot;%1&quot; can be returned</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="204"/>
        <source>请填写要退的数量</source>
        <translation>Enter the quantities to return</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="221"/>
        <source>小票 %1</source>
        <translation>Receipt %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/refund.py" line="252"/>
        <source>作废小票 %1</source>
        <translation>Void receipt %1</translation>
    </message>
</context>
<context>
    <name>SaleWindow</name>
    <message>
        <location filename="../../app/ui/sale_window.py" line="87"/>
        <source>收银台 - %1</source>
        <extracomment>``3*6901234567892`` rings up three at once, as on most tills. A member card was read (keyboard-wedge or serial reader): its card number. For the devices (pole display, customer screen, printer status): a line was added or changed by a scan (its index), payment was asked for (amount due in fen), the sale was paid (SaleResult), a print finished (True when it printed).</extracomment>
        <translation>Store counter - %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="114"/>
        <source>收银(&amp;S)</source>
        <translation>&amp;Sale</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="117"/>
        <location filename="../../app/ui/sale_window.py" line="265"/>
        <source>结账</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="118"/>
        <location filename="../../app/ui/sale_window.py" line="787"/>
        <source>挂单</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="119"/>
        <source>取单</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="120"/>
        <location filename="../../app/ui/sale_window.py" line="573"/>
        <source>修改数量</source>
        <translation>Change quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="121"/>
        <location filename="../../app/ui/sale_window.py" line="643"/>
        <source>单品折扣</source>
        <translation>Line discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="122"/>
        <location filename="../../app/ui/sale_window.py" line="653"/>
        <location filename="../../app/ui/sale_window.py" line="654"/>
        <source>整单折扣</source>
        <translation>Order discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="123"/>
        <source>删除商品行</source>
        <translation>Remove line</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="124"/>
        <source>改价（需店长授权）</source>
        <translation>Override price (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="128"/>
        <source>单据(&amp;O)</source>
        <translation>&amp;Orders</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="130"/>
        <source>退货</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="131"/>
        <source>作废小票（需店长授权）</source>
        <translation>Void a receipt (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="132"/>
        <source>重印上一张小票</source>
        <translation>Reprint last receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="133"/>
        <source>挂账还款</source>
        <translation>Receivables</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="137"/>
        <source>钱箱与交班(&amp;D)</source>
        <translation>&amp;Drawer &amp;&amp; shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="139"/>
        <source>开钱箱（需店长授权）</source>
        <translation>Open drawer (manager)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="140"/>
        <source>X 报表（当班统计）</source>
        <translation>X report (this shift)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="141"/>
        <location filename="../../app/ui/sale_window.py" line="254"/>
        <source>交班</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="145"/>
        <source>系统(&amp;Y)</source>
        <translation>S&amp;ystem</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="146"/>
        <source>语言 / Language</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="161"/>
        <source>快捷键帮助</source>
        <translation>Key help</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="162"/>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="173"/>
        <source>扫码或输入商品</source>
        <translation>Scan or type a product</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="174"/>
        <source>扫描条码，或输入名称 / 拼音首字母后按回车</source>
        <translation>Scan a barcode, or type a name / pinyin initials and press Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="185"/>
        <source>提示信息</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="190"/>
        <source>购物车</source>
        <translation>Cart</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="222"/>
        <location filename="../../app/ui/sale_window.py" line="226"/>
        <source>应收金额</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="229"/>
        <source>件数</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="230"/>
        <source>原价合计</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="231"/>
        <source>优惠</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="232"/>
        <source>抹零</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="235"/>
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="245"/>
        <source>挂单 F4</source>
        <translation>Park F4</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="246"/>
        <source>取单 F5</source>
        <translation>Resume F5</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="247"/>
        <source>数量 F6</source>
        <translation>Qty F6</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="248"/>
        <source>单品折扣 F7</source>
        <translation>Line disc. F7</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="249"/>
        <source>整单折扣 F8</source>
        <translation>Order disc. F8</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="250"/>
        <source>退货 F9</source>
        <translation>Refund F9</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="251"/>
        <source>重印 F10</source>
        <translation>Reprint F10</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="252"/>
        <source>删除 Del</source>
        <translation>Remove Del</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="253"/>
        <source>帮助 F1</source>
        <translation>Help F1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="264"/>
        <source>结账 F12</source>
        <translation>Pay F12</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="303"/>
        <source>收银员：%1（%2）</source>
        <translation>Cashier: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="309"/>
        <source>打印机：就绪</source>
        <translation>Printer: ready</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="319"/>
        <source>收银员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="320"/>
        <source>店长</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="321"/>
        <source>老板</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="328"/>
        <source>未开班</source>
        <translation>No shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="331"/>
        <source>班次：%1 开班</source>
        <translation>Shift: opened %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="486"/>
        <source>该商品数量须为整数</source>
        <translation>This product is sold in whole units</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="507"/>
        <source>没有找到“%1”，请检查条码或换个关键字</source>
        <translation>Nothing found for &quot;%1&quot;; check the barcode or try another word</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="546"/>
        <location filename="../../app/ui/sale_window.py" line="703"/>
        <source>购物车是空的，请先扫码</source>
        <translation>The cart is empty; scan something first</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="574"/>
        <source>“%1”的数量（%2）</source>
        <translation>Quantity of &quot;%1&quot; (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="598"/>
        <source>该行金额为零，无法打折</source>
        <translation>This line is zero; no discount possible</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="614"/>
        <source>折扣 %1 超过收银员权限（%2%）</source>
        <translation>Discount %1 is above the cashier&apos;s limit (%2%)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="623"/>
        <source>如 9折、10%、5（减 5 元），0 取消</source>
        <translation>e.g. 9折, 10%, 5 (5 yuan off); 0 removes it</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="644"/>
        <source>“%1”的折扣</source>
        <translation>Discount on &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="674"/>
        <source>“%1”改价为 %2</source>
        <translation>Change the price of &quot;%1&quot; to %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="689"/>
        <source>改价</source>
        <translation>Price override</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="690"/>
        <source>“%1”的新单价（原价 %2）</source>
        <translation>New unit price of &quot;%1&quot; (was %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="706"/>
        <source>尚未开班，请重新登录并开班</source>
        <translation>No shift open: log in again and open a shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="718"/>
        <source>找零 %1
小票 %2</source>
        <translation>Change %1
Receipt %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="729"/>
        <location filename="../../app/ui/sale_window.py" line="765"/>
        <source>打印机：正在打印</source>
        <translation>Printer: printing</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="734"/>
        <source>打印机：正常</source>
        <translation>Printer: OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="736"/>
        <source>小票已打印</source>
        <translation>Receipt printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="743"/>
        <source>打印机：故障</source>
        <translation>Printer: error</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="746"/>
        <source>打印失败，可按 F10 重印：%1</source>
        <translation>Printing failed, press F10 to reprint: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="773"/>
        <source>购物车是空的，无需挂单</source>
        <translation>The cart is empty; nothing to park</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="783"/>
        <source>已挂单：%1</source>
        <translation>Parked: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="788"/>
        <source>备注（可不填，如顾客特征）</source>
        <translation>Label (optional, e.g. what the customer wears)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="796"/>
        <source>请先结账或挂单当前购物车，再取单</source>
        <translation>Pay or park the current cart before resuming another</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="804"/>
        <source>没有挂单</source>
        <translation>No parked carts</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="839"/>
        <source>已退款 %1，退货单 %2</source>
        <translation>Refunded %1, refund receipt %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="847"/>
        <source>小票 %1 已作废</source>
        <translation>Receipt %1 voided</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="877"/>
        <source>钱箱未能打开：%1</source>
        <translation>The drawer did not open: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="880"/>
        <source>钱箱已打开</source>
        <translation>Drawer opened</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="885"/>
        <location filename="../../app/ui/sale_window.py" line="900"/>
        <source>尚未开班</source>
        <translation>No shift open</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="903"/>
        <source>购物车中还有商品，请先结账或挂单，再交班</source>
        <translation>The cart is not empty: pay or park it before closing the shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/sale_window.py" line="929"/>
        <source>购物车中还有商品，请先结账或挂单，再退出登录</source>
        <translation>The cart is not empty: pay or park it before logging out</translation>
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
        <translation>%1&apos;s shift is still open. Count the drawer and close that shift before starting yours.</translation>
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
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../app/ui/application.py" line="127"/>
        <source>开班</source>
        <extracomment>Fonts that draw Chinese well, best first: Windows, macOS, Linux (Noto, then WenQuanYi). Set by the cold-start benchmark: print the time to the login window, then quit.</extracomment>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="128"/>
        <source>%1，请清点钱箱并输入备用金（元）</source>
        <translation>%1, count the drawer and enter the opening float (yuan)</translation>
    </message>
</context>
</TS>
