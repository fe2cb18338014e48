/**
 * Negative cases: real text with legitimate repetition that must come back unchanged at the
 * default sensitivity. Sources: "issue" is the engine's issue text; poems and prose are quoted
 * from the classics (public domain) or written here as ordinary modern sentences, and say so.
 */
export interface NegativeCase {
  text: string;
  source: string;
  /** Why `balanced` may change it (it is checked at conservative only), if it may. */
  balancedMayChange?: string;
}

const n = (source: string, ...texts: string[]): NegativeCase[] => texts.map((text) => ({ text, source }));

export const NEGATIVE: NegativeCase[] = [
  // AA words, AABB and ABAB forms, and runs of them in prose.
  ...n('issue: AA words', '常常', '看看', '谢谢', '纷纷', '我常常去看看他，谢谢大家纷纷前来。'),
  ...n('issue: AABB and ABAB forms', '高高兴兴', '上上下下', '研究研究', '家家户户', '讨论讨论', '高兴高兴'),
  ...n('issue: runs of them in prose', '认认真真、踏踏实实、兢兢业业地做好工作'),
  ...n(
    'written here: numbered AABB forms (an exercise list), which a numbered heading of two doubled characters must not swallow',
    '1. 高高兴兴',
    '2 干干净净',
    '3.1 认认真真',
    '4. 漂漂亮亮',
    '5、清清楚楚',
    '6 明明白白',
    '12 舒舒服服',
    '8 踏踏实实',
    '1 方方面面',
    '2 家家户户',
  ),
  // Date and time formats written out with their units doubled (YYYYMMDDhhmmss), found in public
  // code and API documentation (GitHub text index ids 55275006694, 39885792618, 5257256717,
  // 3692997454, 25947542522, 45855217937, 20089475642, 18296289093).
  ...n(
    'GitHub files: date and time formats in API documentation and code comments',
    '14 位定长。格式：年年年年月月日日时时分分秒秒',
    '发送时间,格式为:年年年年月月日日时时分分秒秒,例如:20090504111010.为空时，为即时发送短信',
    '有效起始时间，长度为10，时间格式“年年月月日日时时分分”',
    '卡片有效期 银行卡交易有，卡片有效期，MMDD，月月日日',
    '"年年年年月月日日时时分分秒秒"格式的日期字符串',
    '#把日期欄位拿出來除以10000 8碼的日期 年年月月日日',
    '如果是未来：显示"月月日日"',
    'SS年年月月日日流水号格式[0000]',
  ),
  ...n(
    'written here: date formats in Latin letters, placeholders and laughter in Chinese text',
    '日期格式 YYYY-MM-DD HH:mm:ss',
    '格式：YYYYMMDDHHMMSS',
    '时间格式为yyyy-MM-dd HH:mm:ss，例如2020-01-01 00:00:00',
    'XX省XX市XX区XX街道',
    'XXXX年XX月XX日',
    '××市××区人民政府',
    '○○○○年○○月○○日',
    'AA制，AAA级景区',
    '叮叮当当，噼噼啪啪，稀稀拉拉',
    '呵呵呵呵，嘿嘿嘿嘿，啦啦啦啦啦',
    'AABB式词语：干干净净、整整齐齐、高高兴兴、快快乐乐',
  ),
  ...n(
    'written here: AA words side by side (kinship terms, measure words, names), and kana words',
    '爸爸妈妈哥哥姐姐弟弟妹妹爷爷奶奶',
    '宝宝爸爸妈妈',
    '点点滴滴，丝丝缕缕，方方面面，条条框框',
    '个个都是好样的，人人为我，我为人人',
    '李娜娜、王冰冰、张丽丽、刘晶晶',
    '常常、渐渐、慢慢、悄悄、偷偷、轻轻',
    '嘻嘻哈哈，叽叽喳喳，吵吵闹闹',
    'そのままのこころで、ここにいる。',
    'ますますいろいろなことがあって、ときどきここへくる。',
    'ククク、ドドド、ゴゴゴ',
  ),
  // Word chains in prose that read like doubling (全部|部分|分片, 文章|章节), found in public
  // documentation (GitHub text index ids 2913035270, 62519347610, 57825014312, 24196310856,
  // 69842006055, 13116131686, 8453234709, 60384940855, 62624965975, 70141994350).
  ...n(
    'GitHub files: word chains in technical prose',
    '此时叢集至少有一個主分片及他的全部部分分片無法正常執行',
    'glibc 内部部分分配经 hidden alias 绕过公开符号',
    '出口到目标的外部部分分别为 100、20',
    '顶部和底部部分分别由 GPU 1 和 2 处理',
    '该次运行已主动取消，全部部分分数作废',
    '它将图表的底部部分分成与产品数量相同的图表',
    '六边形架构将主程序逻辑与按钮、屏幕和数据库等外部部分分开',
    '为文章章节生成配图提示词',
    '本章章节规划',
    '当前细纲覆盖的末章章号',
  ),
  ...n('written here: AA and AABB words as labels', '看看：', '高高兴兴：', '常常：', '谢谢：'),
  ...n(
    'written here: social media text (laughter, cries, agreement, Cantonese, net slang)',
    '哈哈哈哈哈哈哈，笑死我了hhhhhh',
    '嘤嘤嘤，呜呜呜，嘻嘻嘻',
    '啊啊啊啊啊啊啊啊！！！',
    '嗯嗯嗯，好的好的，收到收到',
    '佢啱啱先走咗，慢慢行',
    '666666，23333333，yyds',
    '谢谢谢谢谢谢大家',
    '加油！！！冲冲冲！！！',
    '好好好好好好，行行行',
    '是是是是是，对对对对',
  ),
  ...n(
    'written here: code operators printed once beside Chinese',
    'x ** 2 是乘方',
    'a == b 时返回',
    '__init__ 方方法法',
  ),
  ...n(
    'written here: symbols repeated on purpose (ratings, progress bars, list marks) beside Chinese',
    '★★★★★ 五星好评',
    '●●● 加载中',
    '→→ 下一页',
    '※※ 注意事项',
    '■■■■□□ 60%',
    '◆◆常常来来看看◆◆',
  ),
  ...n(
    'written here: AABB words in modern prose',
    '大家高高兴兴、开开心心地过了一个年。',
    '房间收拾得干干净净，整整齐齐。',
    '他平平安安、健健康康地回来了。',
    '牢牢把握“十强”产业，紧盯500强项目',
    '祝你平平安安健健康康快快乐乐',
    '明明白白',
    '看看书，散散步，聊聊天',
  ),
  // Classical poetry full of reduplication.
  ...n('李清照《声声慢》', '寻寻觅觅，冷冷清清，凄凄惨惨戚戚。', '尋尋覓覓，冷冷清清，淒淒慘慘戚戚。'),
  ...n(
    '《古诗十九首·青青河畔草》',
    '青青河畔草，郁郁园中柳。盈盈楼上女，皎皎当窗牖。娥娥红粉妆，纤纤出素手。',
    '青青河畔草，郁郁园中柳。',
    '盈盈楼上女，皎皎当窗牖。',
    '娥娥红粉妆，纤纤出素手。',
  ),
  ...n('《古诗十九首·迢迢牵牛星》', '迢迢牵牛星，皎皎河汉女。纤纤擢素手，札札弄机杼。', '盈盈一水间，脉脉不得语。'),
  ...n('杜甫《登高》', '无边落木萧萧下，不尽长江滚滚来。'),
  ...n('《诗经·关雎》', '关关雎鸠，在河之洲。窈窕淑女，君子好逑。'),
  ...n(
    '乔吉《天净沙·即事》(chinese-poetry yuanqu)',
    '莺莺燕燕春春，花花柳柳真真，事事风风韵韵。',
    '娇娇嫩嫩，停停当当人人。',
  ),
  ...n('叠字诗 (written here after the classical form)', '山山水水，诗诗酒酒，古古今今。'),
  // Names.
  ...n('issue: names', '冰冰', '丽丽', '范冰冰出席活动', '丽丽和冰冰一起来了', '王丽丽、张冰冰、李明明'),
  // Word-boundary pairs.
  ...n('issue: word-boundary pairs', '工作作为', '昨日日报报表', '命中中国国内'),
  ...n('sample: word-boundary pair', '要把“双招双引”工作作为经济工作的生命线，'),
  ...n('written here: word-boundary chains', '中学学生生活活动', '他的的确确实实在在地做了', '人民民主'),
  // Laughter, single-character runs, odd runs.
  ...n('issue: laughter and single-character runs', '哈哈哈哈', '躲躲躲躲躲', '哈哈哈', '哈哈哈哈哈哈'),
  ...n(
    'written here: laughter and speech',
    '嘻嘻哈哈',
    '哈哈哈，嘿嘿嘿，呵呵呵',
    '好好好，对对对，是是是',
    '啊啊啊啊！',
    '哈哈哈哈呵呵呵呵',
  ),
  ...n('issue: odd runs', '啊啊啊', '好好好', '我我我'),
  // Punctuation.
  ...n('issue: punctuation', '……', '——', '———', '。。。', '他说……我们——', '灯塔——— 党建在线'),
  ...n('written here: repeated punctuation', '什么？？', '太好了！！', '等等。。。', '((a))', '“‘引文’”'),
  // Numbers, dates, phone numbers.
  ...n('issue: numbers and dates', '2011年11月11日', '1100', '2222', '本报济宁11月26日讯'),
  ...n(
    'written here: phone numbers and codes',
    '电话：13311112222',
    '0531-88776655',
    '电话22002266',
    '1122334455',
    '邮编272000',
    '2000年1月1日',
  ),
  // English.
  ...n('issue: English words with double letters', 'committee', 'bookkeeper', 'Mississippi'),
  ...n(
    'written here: English',
    'The committee met the bookkeeper in Mississippi.',
    'Tennessee coffee balloon aardvark Woolloomooloo',
    'Keep the coffee hot.',
    'I see too little good food.',
  ),
  // URLs, e-mail addresses, code identifiers.
  ...n(
    'written here: URLs and e-mail addresses',
    'https://www.google.com/search?q=aabbcc',
    'http://www.aabbcc.com/',
    'https://github.com/aabbcc/ddeeff',
    'zhang.lili@163.com',
    'aabb@ccdd.com',
    'bookkeeper@committee.org',
  ),
  ...n(
    'written here: code identifiers',
    'foo_bar__baz',
    '__init__',
    'ii += 1',
    '#aabbcc',
    '0xffeeddcc',
    'aabbccdd',
    'this.mm = 1; let ll = 2;',
    'AABB collision',
    'CCTV',
    'MM/DD/YYYY',
    'AA制',
  ),
  ...n(
    'written here: a phrase repeated more than twice is a pattern, not a phrase printed twice',
    '加油中国加油中国加油中国加油中国',
    '好好学习天天向上好好学习天天向上好好学习天天向上好好学习天天向上',
  ),
  {
    text: '祝你平平安安健健康康快快乐乐幸幸福福',
    source: 'written here: a chain of AABB blessings',
    balancedMayChange: 'eight doubled characters in a row, half of them unexplained: balanced takes that as damage',
  },
  // Found in public text (GitHub files found through a text index; its file ids are given).
  ...n(
    'found in public text: word chains (即使|使用|用户, 项目|目录|录入, 考试|试题, 真实|实验|验证)',
    '// 如果用户已明确指定参数，使用用户配置', // id 59340972343
    '可以发现有个trampoline page，用户进程页表和内核页表都在相同地址处映射了这段指令代码（即上文的trampoline.S)，所以即使使用用户进程页表也可以执行这部分代码。', // id 43535923402
    '由于Streamlit组件被包装在iframe中，它们无法修改其父级的DOM（也就是Streamlit报告），这确保了即使使用用户编写的组件，Streamlit始终是安全的。', // id 2039275404
    '- 某些项目目录录入的 `Final date` 晚于当前口径里的 `actual_settlement_date`', // id 53268139334
    '    # 清扫崩溃残留的录屏临时帧文件（无项目目录录制时遗留）', // id 60370073455
    '并且在2004年和2010年也与郑国民教授一起追踪研究全国中高考考试试题命题评估的教授', // id 40441381695
    '        //分析已考考试试题', // id 33197106223
    '<legend>驾考考试试场</legend>', // id 26112159617
    '<el-option :value="3" label="软考考试试卷"></el-option>', // id 48268355995
    '论文提供方法，NCCL源码提供可观测状态，真实实验验证采集映射和分析效果。', // id 71151971085
    '- 实验或效果：通过仿真和真实实验验证，所提方法能实现目标精度，并识别不可行场景。', // id 63181109656
    '- **实验设计出色**：合成实验验证参数恢复能力，真实实验验证实用价值，跨对比度实验验证泛化能力', // id 54533346795
    '这个向量是否真的等价于完整物理状态，必须通过探针、下游控制与反事实实验验证，不能由网络结构本身保证。', // id 59125684680
    'DE2-115 工具包包括以下内容： ', // id 55695873113
  ),
  ...n(
    'found in public text: AA words and repeated marks',
    "  { value: 'uncertain', label: '不知道做什么，先考考试试' }", // id 52377670196
    '讯讯  小视频  小程序  呼叫中心', // id 56935210406
    '<span style="float: left;">当前位置是：数据分析 》》》职员数据综合报表</span>', // id 42559084779
    'System.out.println("---------------------------我是路径---》》》》"+courseFile);', // id 5814147174
    'echo $HOME    》》/home/zhang', // id 36943894734
  ),
  ...n(
    'written here: markup and code around Chinese',
    '**加粗**的文字和`code`，--flag 与 a::b、x == y',
    '请访问 https://example.com//path 或 ftp://host',
    '    print(“关于”)  # 注释：：',
    '详解**display**属性',
  ),
  ...n(
    'chinese-poetry 2.0.1 yuanqu: lines of AABB pairs between commas',
    '烦烦恼恼，哭哭啼啼，想杀我儿也怨怨哀哀。',
    '莫莫休休，荡荡悠悠，挈子携妻，老隐南州。',
  ),
  ...n('written here: year in Chinese numerals', '宣和四年（一一二二），知處州', '（一一二二三三）'),
  // Short ambiguous blocks (indistinguishable from an AABB word or a name at the default).
  ...n('written here: short blocks', '新新闻闻', '担担当当', '哈哈'),
];
