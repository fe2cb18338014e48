/**
 * In-the-wild cases: text exactly as it was found.
 *
 * `data/sample-000_3c7b1f775cc3ba51.txt` is a copy of the project's sample page (a city newspaper's
 * print edition as its website serves it: text pulled out of the PDF; shared/samples in the
 * project's steering repository). Every line of it is a case: the three garbled headlines must be
 * repaired as below, every other line must come back unchanged.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FixCase {
  input: string;
  expected: string;
  source: string;
}

const SAMPLE = 'sample-000_3c7b1f775cc3ba51.txt';

/** The sample's garbled lines and what they say. */
const SAMPLE_REPAIRS: Record<string, string> = {
  '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士': '勇于担当作为，当好党和人民的忠诚卫士',
  新新新新项项项项目目目目: '新项目',
  马马马马蹄蹄蹄蹄疾疾疾疾: '马蹄疾',
  '确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列': '确保“双招双引”工作走在全市前列',
};

export function readSampleLines(): string[] {
  const path = join(dirname(fileURLToPath(import.meta.url)), 'data', SAMPLE);
  return readFileSync(path, 'utf8').split('\n');
}

export function inTheWildCases(): FixCase[] {
  const cases: FixCase[] = [];
  readSampleLines().forEach((line, i) => {
    if (line.trim() === '') return;
    const repaired = SAMPLE_REPAIRS[line.trim()];
    cases.push({
      input: line,
      expected: repaired === undefined ? line : line.replace(line.trim(), repaired),
      source: `${SAMPLE} line ${i + 1}${repaired === undefined ? ' (clean)' : ' (garbled)'}`,
    });
  });
  // Found while checking the clean corpus: chinese-poetry's Tang biographies hold a few entries
  // whose text the data set itself printed twice (with a blank between).
  cases.push(
    {
      input: ' 張鼎，司勳員外郎。詩三首。 張鼎，司勳員外郎。詩三首。',
      expected: ' 張鼎，司勳員外郎。詩三首。',
      source: 'chinese-poetry 2.0.1 dist/quantangshi/authors.tang.json, author 張鼎',
    },
    {
      input: ' 崔涯，吳楚間人，與張祜齊名。詩八首。 崔涯，吳楚間人，與張祜齊名。詩八首。',
      expected: ' 崔涯，吳楚間人，與張祜齊名。詩八首。',
      source: 'chinese-poetry 2.0.1 dist/quantangshi/authors.tang.json, author 崔涯',
    },
  );
  cases.push(...FOUND_IN_PUBLIC_TEXT);
  return cases;
}

/**
 * Where the cases below were found: public files on GitHub, searched for exact doubled strings
 * (`目目录录`, `有有限限公公司司`, `使使用用`, `二二、、`) through a text index of public repositories.
 * The index names each file by an id of its own and not by repository and path, so that id is what
 * is recorded, with what the file is.
 */
const FOUND = {
  cssTutorial:
    'GitHub file (text index id 7989628049): a Chinese CSS tutorial ("详解display属性") exported from a PDF to Markdown',
  pythonBook:
    'GitHub file (text index id 14539410821): Python exercises whose comments are headings pasted from a PDF of a ' +
    'Chinese edition of "Python Crash Course"',
  pythonExercises: 'GitHub file (text index id 28251342283): exercises of the same book, headings pasted from the PDF',
  de2Manual:
    'GitHub file (text index id 55695873113): text pulled out of the PDF of the Terasic DE2-115 user manual (Chinese)',
  windowsConsole:
    'GitHub file (text index id 71544890441): a test quoting a Windows error message in Traditional Chinese as a ' +
    'console printed it, every character twice',
  companyNames:
    'GitHub file (text index id 22300447679): an LLM prompt quoting company names as a legal data set holds them',
  invoice: 'GitHub file (text index id 55675266702): a test of an invoice parser with text from a PDF invoice',
  codeComment: 'GitHub file (text index id 17340524900): a code comment pasted from a PDF',
  consoleLabels: 'GitHub file (text index id 68287126244): a note quoting labels a Windows console printed twice',
  pdfExamples:
    'GitHub file (text index id 62586033457): a PDF clean-up function documenting the damage it met (factor 4)',
  pdfExamples2: 'GitHub file (text index id 35333744673): a PDF clean-up function documenting the damage it met',
  consoleEcho:
    'GitHub file (text index id 55082857839): a deployment log quoting a Windows console that echoed its own output twice',
  doubleRender:
    'GitHub files (text index ids 61560406228, 60619704619): PDF parsers describing headings drawn twice (fill and stroke)',
  financialTable: 'GitHub file (text index id 22607988347): table headers pulled out of annual-report PDFs (factor 4)',
  overprint:
    'GitHub file (text index id 66871475157): a PDF parser report on glyphs painted three times to look bold (factor 3)',
  sqlNotes:
    'GitHub file (text index id 60483296289): MySQL course notes pulled out of a PDF, the code printed in bold (doubled, operators and quotes too)',
  formKeys: 'GitHub files (text index ids 13671576169, 13671416699): a PDF form parser quoting the doubled keys it met',
  docNormalizer:
    'GitHub file (text index id 54569294166): a document normalizer test quoting a noisy exported document body',
};

const found = (source: string, pairs: Array<[input: string, expected: string]>): FixCase[] =>
  pairs.map(([input, expected]) => ({ input, expected, source }));

/**
 * Doubled text found in public text, one case a line (trailing blanks trimmed), grouped by source.
 * Classes: headings with section numbers printed once (`#3.3　　组组织织列列表表`) or doubled
 * (`11..11  包包装装内内容容`), headings around ASCII left single (`使使用用方方法法sort()`), markdown
 * around doubled text (`**display**`), bold lead-ins before a clean sentence, factor 4, Traditional.
 */
const FOUND_IN_PUBLIC_TEXT: FixCase[] = [
  ...found(FOUND.cssTutorial, [
    ['详详解解**display**属属性性', '详解**display**属性'],
    ['一一、、**display**属属性性的的作作用用', '一、**display**属性的作用'],
    ['二二、、**display-outside(**外外部部值值**)**', '二、**display-outside(**外部值**)**'],
    ['三三、、**display-inside(**内内部部值值**)**', '三、**display-inside(**内部值**)**'],
    ['四四、、**display-listitem(**列列表表值值**)**', '四、**display-listitem(**列表值**)**'],
    ['五五、、**display-internal(**属属性性值值**)**', '五、**display-internal(**属性值**)**'],
    ['六六、、**display-box(**显显示示值值**)**', '六、**display-box(**显示值**)**'],
    ['七七、、**display-legacy(**混混合合值值**)**', '七、**display-legacy(**混合值**)**'],
    ['八八、、**global(**全全局局值值**)**', '八、**global(**全局值**)**'],
    ['1display属性分类', '1display属性分类'],
    ['display属性大概可分为以下几类进行学习：', 'display属性大概可分为以下几类进行学习：'],
  ]),
  ...found(FOUND.pythonBook, [
    ['#在在列列表表中中插插入入元元素素', '#在列表中插入元素'],
    ['#　　从从列列表表中中删删除除元元素素', '#　　从列表中删除元素'],
    ['####使用用方方法法pop() 删删除除元元素素', '####使用方法pop() 删除元素'],
    ['#根据据值值删删除除元元素素', '#根据值删除元素'],
    ['#3.3　　组组织织列列表表', '#3.3　　组织列表'],
    [
      '#3.3.1　　使使用用方方法法sort() 对对列列表表进进行行永永久久性性排排序序',
      '#3.3.1　　使用方法sort() 对列表进行永久性排序',
    ],
    [
      '#3.3.2　　使使用用函函数数sorted() 对对列列表表进进行行临临时时排排序序',
      '#3.3.2　　使用函数sorted() 对列表进行临时排序',
    ],
    ['#3.3.3　　倒倒着着打打印印列列表表', '#3.3.3　　倒着打印列表'],
    ['#确定定列列表表的的长长度度', '#确定列表的长度'],
    ['#3.4　　使使用用列列表表时时避避免免索索引引错错误误', '#3.4　　使用列表时避免索引错误'],
    ['#第第 4 章章　　操操作作列列表表', '#第 4 章　　操作列表'],
    ['#4.1.1　　深深入入地地研研究究循循环环', '#4.1.1　　深入地研究循环'],
    ['#4.1.2　　在在for 循循环环中中执执行行更更多多的的操操作作', '#4.1.2　　在for 循环中执行更多的操作'],
    ['#4.1.3　　在在for 循循环环结结束束后后执执行行一一些些操操作作', '#4.1.3　　在for 循环结束后执行一些操作'],
    ['#4.2.2　　忘忘记记缩缩进进额额外外的的代代码码行行', '#4.2.2　　忘记缩进额外的代码行'],
    ['#4.2.3　　不不必必要要的的缩缩进进', '#4.2.3　　不必要的缩进'],
    ['#4.3　　创创建建数数值值列列表表', '#4.3　　创建数值列表'],
    ['#4.3.2　　使使用用range() 创创建建数数字字列列表表', '#4.3.2　　使用range() 创建数字列表'],
    ['#4.3.3　　对对数数字字列列表表执执行行简简单单的的统统计计', '#4.3.3　　对数字列表执行简单的统计'],
    ['#4.3.4　　列列表表解解析析', '#4.3.4　　列表解析'],
    ['#4.4　　使使用用列列表表的的一一部部分分', '#4.4　　使用列表的一部分'],
    ['#4.4.2　　遍遍历历切切片片', '#4.4.2　　遍历切片'],
    ['#弹出列表中任何位置处的元素', '#弹出列表中任何位置处的元素'],
  ]),
  ...found(FOUND.pythonExercises, [
    ['#3-8 放放眼眼世世界界 ：想出至少5个你渴望去旅游的地方。', '#3-8 放眼世界 ：想出至少5个你渴望去旅游的地方。'],
    [
      '# 3-9 晚晚餐餐嘉嘉宾宾 ：在完成练习3-4~练习3-7时编写的程序之一中，使用len() 打印一条消息，指出你邀请了多少位嘉宾来与你共进晚餐。',
      '# 3-9 晚餐嘉宾 ：在完成练习3-4~练习3-7时编写的程序之一中，使用len() 打印一条消息，指出你邀请了多少位嘉宾来与你共进晚餐。',
    ],
    [
      '# 3-10 尝尝试试使使用用各各个个函函数数 ：想想可存储到列表中的东西，如山岳、河流、国家、城市、语言或你喜欢的任何东西。',
      '# 3-10 尝试使用各个函数 ：想想可存储到列表中的东西，如山岳、河流、国家、城市、语言或你喜欢的任何东西。',
    ],
    ['# 再次打印该列表，核实排列顺序未变。', '# 再次打印该列表，核实排列顺序未变。'],
  ]),
  ...found(FOUND.de2Manual, [
    ['1目目录录', '1目录'],
    ['11..11  包包装装内内容容', '1.1 包装内容'],
    ['11..22  DDEE22--111155  的的组组装装', '1.2 DE2-115 的组装'],
    ['11..33  获获得得帮帮助助', '1.3 获得帮助'],
    ['22..11  开开发发板板布布局局和和组组件件', '2.1 开发板布局和组件'],
    ['22..22  DDEE22--111155  系系统统框框图图', '2.2 DE2-115 系统框图'],
    ['22..33  DDEE22--111155上上电电', '2.3 DE2-115上电'],
    ['FFPPGGAA  器器件件', 'FPGA 器件'],
    ['FFPPGGAA  配配置置', 'FPGA 配置'],
    ['存存储储器器配配置置', '存储器配置'],
    ['SSDD卡卡接接口口', 'SD卡接口'],
    ['连连接接器器', '连接器'],
    ['时时钟钟输输入入', '时钟输入'],
    ['音音频频CCOODDEECC', '音频CODEC'],
    ['显显示示输输出出', '显示输出'],
    ['开开关关和和七七段段数数码码管管', '开关和七段数码管'],
    ['其其他他特特征征', '其他特征'],
    ['33..11  控控制制面面板板初初始始化化', '3.1 控制面板初始化'],
    [
      '33..22  控控制制LLEEDD灯灯,,  七七段段数数码码显显示示管管  和和  LLCCDD显显示示器器',
      '3.2 控制LED灯, 七段数码显示管 和 LCD显示器',
    ],
    ['33..33  开开关关与与按按钮钮', '3.3 开关与按钮'],
    [
      '33..44  SSDDRRAAMM//SSRRAAMM//EEEEPPRROOMM//FFllaasshh控控制制器器和和编编程程器器',
      '3.4 SDRAM/SRAM/EEPROM/Flash控制器和编程器',
    ],
    ['33..55  UUSSBB  监监测测', '3.5 USB 监测'],
    ['33..66  PPSS//22设设备备', '3.6 PS/2设备'],
    ['33..77  SSDD卡卡', '3.7 SD卡'],
    ['33..88  RRSS--223322  通通信信', '3.8 RS-232 通信'],
    ['33..99  VVGGAA', '3.9 VGA'],
    ['33..1100  HHSSMMCC', '3.10 HSMC'],
    ['33..1111  红红外外接接收收器器', '3.11 红外接收器'],
    ['33..1122  DDEE22--111155  控控制制面面板板的的整整体体结结构构', '3.12 DE2-115 控制面板的整体结构'],
    ['44..11  配配置置CCyycclloonnee  IIVV  EE  FFPPGGAA芯芯片片', '4.1 配置Cyclone IV E FPGA芯片'],
    ['44..22  使使用用按按钮钮开开关关和和拨拨动动开开关关', '4.2 使用按钮开关和拨动开关'],
    ['44..33  使使用用LLEEDD', '4.3 使用LED'],
    ['44..44  使使用用七七段段数数码码管管', '4.4 使用七段数码管'],
    ['44..66  使使用用LLCCDD模模块块', '4.6 使用LCD模块'],
    ['DE2-115 工具包包括以下内容：', 'DE2-115 工具包包括以下内容：'],
    ['• 114,480 个逻辑单元', '• 114,480 个逻辑单元'],
    ['• 128MB (32Mx32bit) SDRAM', '• 128MB (32Mx32bit) SDRAM'],
    ['• 可配置的 I/O 标准 (电平：3.3/2.5/1.8/1.5V)', '• 可配置的 I/O 标准 (电平：3.3/2.5/1.8/1.5V)'],
    ['• Email: support@terasic.com', '• Email: support@terasic.com'],
    ['表 4-1  拨动开关引脚配置', '表 4-1  拨动开关引脚配置'],
  ]),
  ...found(FOUND.windowsConsole, [
    [
      '程程序序無無法法存存取取檔檔案案，，因因為為檔檔案案正正由由另另一一個個程程序序使使用用。。 (os error 32)',
      '程序無法存取檔案，因為檔案正由另一個程序使用。 (os error 32)',
    ],
  ]),
  ...found(FOUND.companyNames, [
    [
      '信息产业电子第十一设计研究院科技工工程程股股份份有有限限公公司司',
      '信息产业电子第十一设计研究院科技工程股份有限公司',
    ],
    ['河南龙马环境产业有有有有限限限限公公公公司司司司', '河南龙马环境产业有限公司'],
  ]),
  ...found(FOUND.invoice, [
    [
      '购 名称: 广广东东瑞瑞航航建建设设工工程程有有限限公公司司 销 名称: 佛佛山山美美的的智智慧慧家家居居有有限限公公司司',
      '购 名称: 广东瑞航建设工程有限公司 销 名称: 佛山美的智慧家居有限公司',
    ],
  ]),
  ...found(FOUND.codeComment, [['# 日日志志存存放放的的目目录录', '# 日志存放的目录']]),
  ...found(FOUND.consoleLabels, [['目目录录/目目标标项项目目', '目录/目标项目']]),
  ...found(FOUND.pdfExamples, [
    ['湖湖湖湖北北北北城城城城', '湖北城'],
    ['目目目目录录录录', '目录'],
    ['金金金金山山山山大大大大道道道道', '金山大道'],
  ]),
  ...found(FOUND.pdfExamples2, [
    ['政政府府采采购购', '政府采购'],
    ['一一、、项项目目', '一、项目'],
  ]),
  ...found(FOUND.consoleEcho, [
    ['正正在在生生成成', '正在生成'],
    ['报报告告路路径径', '报告路径'],
  ]),
  ...found(FOUND.doubleRender, [
    ['第第一一回回', '第一回'],
    ['第第一一章章', '第一章'],
  ]),
  ...found(FOUND.financialTable, [
    ['标标标标的的的的公公公公司司司司', '标的公司'],
    ['项项项项目目目目', '项目'],
    ['年年年年月月月月', '年月'],
  ]),
  ...found(FOUND.overprint, [['摘摘摘要要要', '摘要']]),
  ...found(FOUND.sqlNotes, [
    [
      '11 mmyyssqqll>> eexxppllaaiinn sseelleecctt ddiissttiinncctt nnaammee ffrroomm ffiillmm;;',
      '1 mysql> explain select distinct name from film;',
    ],
    [
      '11 mmyyssqqll>> eexxppllaaiinn sseelleecctt ** ffrroomm aaccttoorr oorrddeerr bbyy nnaammee;;',
      '1 mysql> explain select * from actor order by name;',
    ],
    [
      '11 mmyyssqqll>> eexxppllaaiinn sseelleecctt mmiinn((iidd)) ffrroomm ffiillmm;;',
      '1 mysql> explain select min(id) from film;',
    ],
    ['11 示示例例表表::', '1 示例表:'],
    [
      '33 ``iidd`` iinntt((1111)) NNOOTT NNUULLLL AAUUTTOO__IINNCCRREEMMEENNTT,,',
      '3 `id` int(11) NOT NULL AUTO_INCREMENT,',
    ],
    [
      "44 ``nnaammee`` vvaarrcchhaarr((2244)) NNOOTT NNUULLLL DDEEFFAAUULLTT '''' CCOOMMMMEENNTT ''姓姓名名'',,",
      "4 `name` varchar(24) NOT NULL DEFAULT '' COMMENT '姓名',",
    ],
    [
      "55 ``aaggee`` iinntt((1111)) NNOOTT NNUULLLL DDEEFFAAUULLTT ''00'' CCOOMMMMEENNTT ''年年龄龄'',,",
      "5 `age` int(11) NOT NULL DEFAULT '0' COMMENT '年龄',",
    ],
    ['88 PPRRIIMMAARRYY KKEEYY ((``iidd``)),,', '8 PRIMARY KEY (`id`),'],
    [
      "1100 )) EENNGGIINNEE==IInnnnooDDBB AAUUTTOO__IINNCCRREEMMEENNTT==44 DDEEFFAAUULLTT CCHHAARRSSEETT==uuttff88 CCOOMMMMEENNTT==''员员工工记记录录表表'';;",
      "10 ) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=utf8 COMMENT='员工记录表';",
    ],
    [
      "11 EEXXPPLLAAIINN SSEELLEECCTT ** FFRROOMM eemmppllooyyeeeess WWHHEERREE nnaammee== ''LLiiLLeeii'';;",
      "1 EXPLAIN SELECT * FROM employees WHERE name= 'LiLei';",
    ],
    [
      '22 EEXXPPLLAAIINN SSEELLEECCTT ** FFRROOMM eemmppllooyyeeeess WWHHEERREE nnaammee == 11000000;;',
      '2 EXPLAIN SELECT * FROM employees WHERE name = 1000;',
    ],
    ['like KK%相当于=常量,%KK和%KK% 相当于范围', 'like KK%相当于=常量,%KK和%KK% 相当于范围'],
    ['1 -- mysql5.7关闭ONLY_FULL_GROUP_BY报错', '1 -- mysql5.7关闭ONLY_FULL_GROUP_BY报错'],
    [
      '2. film.name建立了idx_name索引,此时查询时extra是using index',
      '2. film.name建立了idx_name索引,此时查询时extra是using index',
    ],
  ]),
  ...found(FOUND.formKeys, [['被被处处罚罚当当事事人人姓姓名名', '被处罚当事人姓名']]),
  // A doubled bullet (●●) is list furniture, like punctuation, not a break in the heading.
  ...found(FOUND.docNormalizer, [['一一、、●●云云游游戏戏', '一、●云游戏']]),
];

/** How many garbled lines the sample holds (so a test notices if the table above drifts). */
export const SAMPLE_GARBLED_LINES = Object.keys(SAMPLE_REPAIRS).length;
