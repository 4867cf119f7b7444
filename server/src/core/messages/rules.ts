// Messages of the rules features, in the three languages. Keys are namespaced by feature.
// Every finding says what is wrong and what a good version looks like.
import { defineMessages } from './define';

export const rulesMessages = defineMessages(
  {
    'objective-count.max':
      '{owner} has {count} objectives; at most {max} keeps the team focused. Merge related objectives or move the least important ones to a backlog.',
    'objective-count.min':
      '{owner} has only {count} objective(s); {min} to {max} usually cover what matters this period. Consider whether an important outcome is missing.',
    'kr-count.min':
      'Objective "{title}" has {count} key result(s); {min} to {max} together show it is reached. Add another measurable result, e.g. "- KR2: Repeat purchases from 20% to 35%".',
    'kr-count.max':
      'Objective "{title}" has {count} key results; keep at most {max} so each gets attention. Keep the ones that best show the outcome and move the rest to a backlog.',
    'objective-has-metric':
      'Objective "{title}" contains a number ({text}): objectives describe where you want to go, in words. Move the number into a key result and keep the objective qualitative, e.g. "Make customers love our onboarding".',
    'objective-business-as-usual':
      'Objective "{title}" keeps things as they are ("{word}"): that is business as usual, better tracked as a health metric. Write what should change instead, e.g. "Make the importer effortless for every new customer".',
    'kr-not-measurable':
      'Key result "{title}" has no number to measure. Say how much, from where to where, e.g. "Weekly active users from 1,200 to 2,000".',
    'kr-no-deadline':
      'Key result "{title}" has no deadline and the file has no period. Add "period: {period}" to the front matter, or a date to the key result, e.g. "by {date}".',
    'kr-is-activity':
      'Key result "{title}" describes an activity ("{word}"), not an outcome. Say what the activity should change, e.g. "Pipeline win rate from 18% to 25%" instead of "Hold 6 pipeline reviews".',
    'kr-no-evidence':
      'Key result "{title}" is reported as achieved but has no evidence. Add a "Source:" item with a link to the report or dashboard that shows it, e.g. "- Source: https://…".',
    'alignment-missing':
      'Objective "{title}" is not aligned to any objective above it. Add a line "Aligns to: [Company O1](../company.okr.md#o1)" or a "parent" in the front matter.',
    'alignment-broken.no-file':
      'Alignment link "{href}" points to a file that does not exist. Link to an existing OKR file, e.g. "../company.okr.md#o1".',
    'alignment-broken.no-target':
      'Alignment link "{href}": {file} has no objective or key result "{fragment}". Link to one that exists, e.g. "#o1" or "#o1.kr2".',
    'alignment-broken.outside':
      'Alignment link "{href}" points outside the workspace. Use a relative path to an OKR file of this workspace, e.g. "../company.okr.md#o1".',
    'progress-invalid.unreadable':
      'Check-in "{text}" has no value that can be read. Write a date, a value and optionally a confidence, e.g. "2026-11-20: 42 · confidence 7/10".',
    'progress-invalid.confidence':
      'Check-in "{text}" has a confidence outside 0 to 10. Write it as a score from 0 to 10, e.g. "confidence 7/10".',
    'progress-invalid.date':
      'Check-in date {date} does not exist in the calendar. Write a real date, e.g. "2026-11-30".',
    'progress-invalid.outside-period':
      'Check-in date {date} is outside the period {period} ({start} to {end}). Date check-ins within the period.',
    'progress-invalid.order':
      'Check-in date {date} comes before the check-in above it ({previous}). Keep check-ins in date order, oldest first.',
    'progress-invalid.percent':
      'Check-in "{text}" gives progress above 100%. Write progress from 0% to 100%, or the value reached in the key result\'s unit (e.g. "84" for 84 of 80).',
    'duplicate-id.objective':
      'Another objective of {owner} already has the ID {id}. Give each objective its own number, e.g. "{suggestion}".',
    'duplicate-id.kr':
      'Another key result of this objective already has the ID {id}. Give each key result its own number, e.g. "{suggestion}".',
    'owner.file': 'This file',
    'fix.objective-metric-to-kr': 'Move "{text}" into a new key result {id}',
    'fix.add-target': 'Add a target to fill in',
    'fix.target-text': ' — target: [number]',
    'fix.add-period': 'Add "period: {period}" to the front matter',
    'fix.add-deadline': 'Add the deadline "{deadline}" to this key result',
    'fix.deadline-text': ' by {date}',
    'fix.renumber': 'Renumber as {id}',
    'fix.move-krs-backlog': 'Move key results beyond the first {max} to a backlog section',
    'fix.move-objectives-backlog': 'Move objectives beyond the first {max} to a commented-out backlog',
    'fix.backlog-heading': 'Backlog',
    'fix.backlog-note': 'Not part of the OKRs: ideas to pick up in a later period.',
    'fix.replace-link': 'Link to {target} instead',
    'fix.all-okr': 'Fix all auto-fixable OKR problems in this file',
  },
  {
    'objective-count.max':
      '{owner} có {count} mục tiêu; tối đa {max} mục tiêu giúp cả nhóm tập trung. Hãy gộp các mục tiêu gần nhau hoặc chuyển những mục tiêu ít quan trọng hơn sang danh sách chờ.',
    'objective-count.min':
      '{owner} mới có {count} mục tiêu; thường cần {min} đến {max} mục tiêu để bao quát điều quan trọng trong kỳ. Hãy xem có kết quả quan trọng nào còn thiếu không.',
    'kr-count.min':
      'Mục tiêu "{title}" có {count} kết quả then chốt; cần {min} đến {max} kết quả mới cho thấy mục tiêu đã đạt. Hãy thêm một kết quả đo được, ví dụ "- KR2: Tỷ lệ khách mua lại từ 20% lên 35%".',
    'kr-count.max':
      'Mục tiêu "{title}" có {count} kết quả then chốt; chỉ nên giữ tối đa {max} để kết quả nào cũng được quan tâm. Giữ những kết quả thể hiện rõ nhất mục tiêu, chuyển phần còn lại sang danh sách chờ.',
    'objective-has-metric':
      'Mục tiêu "{title}" chứa con số ({text}): mục tiêu nói bằng lời nơi bạn muốn đến. Hãy chuyển con số sang một kết quả then chốt và giữ mục tiêu ở dạng định tính, ví dụ "Khiến khách hàng hài lòng ngay từ ngày đầu dùng sản phẩm".',
    'objective-business-as-usual':
      'Mục tiêu "{title}" chỉ giữ nguyên hiện trạng ("{word}"): đó là công việc thường ngày, nên theo dõi bằng chỉ số vận hành. Hãy viết điều cần thay đổi, ví dụ "Biến việc nhập dữ liệu thành thao tác dễ dàng cho mọi khách hàng mới".',
    'kr-not-measurable':
      'Kết quả then chốt "{title}" không có con số để đo. Hãy ghi rõ bao nhiêu, từ mức nào lên mức nào, ví dụ "Số người dùng hoạt động hằng tuần từ 1.200 lên 2.000".',
    'kr-no-deadline':
      'Kết quả then chốt "{title}" không có hạn chót và tệp chưa có kỳ (period). Hãy thêm "period: {period}" vào phần đầu tệp, hoặc ghi hạn vào kết quả, ví dụ "trước {date}".',
    'kr-is-activity':
      'Kết quả then chốt "{title}" mô tả một hoạt động ("{word}") chứ không phải kết quả. Hãy ghi điều hoạt động đó cần thay đổi, ví dụ "Tỷ lệ chốt đơn từ 18% lên 25%" thay cho "Tổ chức 6 cuộc họp đánh giá".',
    'kr-no-evidence':
      'Kết quả then chốt "{title}" được báo là đã đạt nhưng chưa có bằng chứng. Hãy thêm mục "Nguồn:" kèm đường dẫn tới báo cáo hoặc bảng số liệu, ví dụ "- Nguồn: https://…".',
    'alignment-missing':
      'Mục tiêu "{title}" chưa căn chỉnh với mục tiêu nào ở cấp trên. Hãy thêm dòng "Căn chỉnh: [Công ty O1](../company.okr.md#o1)" hoặc khai báo "parent" ở phần đầu tệp.',
    'alignment-broken.no-file':
      'Liên kết căn chỉnh "{href}" trỏ tới một tệp không tồn tại. Hãy liên kết tới một tệp OKR có thật, ví dụ "../company.okr.md#o1".',
    'alignment-broken.no-target':
      'Liên kết căn chỉnh "{href}": {file} không có mục tiêu hay kết quả then chốt "{fragment}". Hãy liên kết tới mục có thật, ví dụ "#o1" hoặc "#o1.kr2".',
    'alignment-broken.outside':
      'Liên kết căn chỉnh "{href}" trỏ ra ngoài thư mục làm việc. Hãy dùng đường dẫn tương đối tới một tệp OKR trong thư mục này, ví dụ "../company.okr.md#o1".',
    'progress-invalid.unreadable':
      'Không đọc được giá trị của lần cập nhật "{text}". Hãy ghi ngày, giá trị và (nếu muốn) độ tin cậy, ví dụ "2026-11-20: 42 · tin cậy 7/10".',
    'progress-invalid.confidence':
      'Lần cập nhật "{text}" có độ tin cậy nằm ngoài khoảng 0 đến 10. Hãy ghi theo thang 0 đến 10, ví dụ "tin cậy 7/10".',
    'progress-invalid.date': 'Ngày cập nhật {date} không có trên lịch. Hãy ghi một ngày có thật, ví dụ "2026-11-30".',
    'progress-invalid.outside-period':
      'Ngày cập nhật {date} nằm ngoài kỳ {period} (từ {start} đến {end}). Hãy ghi các lần cập nhật trong kỳ.',
    'progress-invalid.order':
      'Ngày cập nhật {date} sớm hơn lần cập nhật phía trên ({previous}). Hãy xếp các lần cập nhật theo thứ tự ngày, cũ trước mới sau.',
    'progress-invalid.percent':
      'Lần cập nhật "{text}" ghi tiến độ trên 100%. Hãy ghi tiến độ từ 0% đến 100%, hoặc ghi giá trị đạt được theo đơn vị của kết quả (ví dụ "84" khi đạt 84 trên 80).',
    'duplicate-id.objective':
      'Một mục tiêu khác của {owner} đã dùng mã {id}. Hãy đánh số riêng cho từng mục tiêu, ví dụ "{suggestion}".',
    'duplicate-id.kr':
      'Một kết quả then chốt khác của mục tiêu này đã dùng mã {id}. Hãy đánh số riêng cho từng kết quả, ví dụ "{suggestion}".',
    'owner.file': 'Tệp này',
    'fix.objective-metric-to-kr': 'Chuyển "{text}" sang kết quả then chốt mới {id}',
    'fix.add-target': 'Thêm chỉ tiêu để điền vào',
    'fix.target-text': ' — chỉ tiêu: [số lượng]',
    'fix.add-period': 'Thêm "period: {period}" vào phần đầu tệp',
    'fix.add-deadline': 'Thêm hạn chót "{deadline}" cho kết quả này',
    'fix.deadline-text': ' trước ngày {date}',
    'fix.renumber': 'Đánh số lại thành {id}',
    'fix.move-krs-backlog': 'Chuyển các kết quả sau {max} kết quả đầu sang mục chờ',
    'fix.move-objectives-backlog': 'Chuyển các mục tiêu sau {max} mục tiêu đầu sang danh sách chờ (trong chú thích)',
    'fix.backlog-heading': 'Danh sách chờ',
    'fix.backlog-note': 'Không thuộc OKR kỳ này: ý tưởng để xem lại ở kỳ sau.',
    'fix.replace-link': 'Liên kết tới {target}',
    'fix.all-okr': 'Sửa tất cả lỗi OKR có thể tự sửa trong tệp này',
  },
  {
    'objective-count.max':
      '{owner}有 {count} 个目标；最多 {max} 个才能让团队保持专注。请合并相近的目标，或把次要的目标移到待办清单。',
    'objective-count.min':
      '{owner}只有 {count} 个目标；通常 {min} 到 {max} 个目标才能覆盖本期的重点。请检查是否遗漏了重要的成果。',
    'kr-count.min':
      '目标“{title}”只有 {count} 个关键结果；需要 {min} 到 {max} 个才能共同说明目标已达成。请再补充一个可衡量的结果，例如“- KR2：复购率从 20% 提升到 35%”。',
    'kr-count.max':
      '目标“{title}”有 {count} 个关键结果；最多保留 {max} 个，每个才能得到足够关注。保留最能体现目标的几个，其余移到待办清单。',
    'objective-has-metric':
      '目标“{title}”中含有数字（{text}）：目标用文字描述想去的方向。请把数字移到关键结果中，让目标保持定性，例如“让客户从第一天起就爱上我们的产品”。',
    'objective-business-as-usual':
      '目标“{title}”只是维持现状（“{word}”）：这属于日常工作，更适合用运营指标跟踪。请写出希望发生的改变，例如“让每位新客户都能轻松导入数据”。',
    'kr-not-measurable':
      '关键结果“{title}”没有可衡量的数字。请写明数量或从多少到多少，例如“周活跃用户从 1200 提升到 2000”。',
    'kr-no-deadline':
      '关键结果“{title}”没有截止时间，文件也没有周期（period）。请在文件头加入“period: {period}”，或在关键结果中写明日期，例如“{date}前”。',
    'kr-is-activity':
      '关键结果“{title}”描述的是一项活动（“{word}”），而不是成果。请写出这项活动要带来的改变，例如用“赢单率从 18% 提升到 25%”代替“举行 6 次销售复盘会”。',
    'kr-no-evidence':
      '关键结果“{title}”已报告达成，但没有依据。请添加“来源：”条目并附上报表或看板的链接，例如“- 来源：https://…”。',
    'alignment-missing':
      '目标“{title}”没有对齐到上级的任何目标。请添加一行“对齐：[公司 O1](../company.okr.md#o1)”，或在文件头设置“parent”。',
    'alignment-broken.no-file':
      '对齐链接“{href}”指向的文件不存在。请链接到已有的 OKR 文件，例如“../company.okr.md#o1”。',
    'alignment-broken.no-target':
      '对齐链接“{href}”：{file} 中没有目标或关键结果“{fragment}”。请链接到存在的条目，例如“#o1”或“#o1.kr2”。',
    'alignment-broken.outside':
      '对齐链接“{href}”指向工作区之外。请使用指向本工作区 OKR 文件的相对路径，例如“../company.okr.md#o1”。',
    'progress-invalid.unreadable':
      '无法读取进展记录“{text}”中的数值。请写日期、数值和可选的信心指数，例如“2026-11-20：42 · 信心 7/10”。',
    'progress-invalid.confidence': '进展记录“{text}”的信心指数不在 0 到 10 之间。请用 0 到 10 打分，例如“信心 7/10”。',
    'progress-invalid.date': '进展日期 {date} 在日历上不存在。请写一个真实的日期，例如“2026-11-30”。',
    'progress-invalid.outside-period':
      '进展日期 {date} 不在周期 {period}（{start} 至 {end}）之内。请在周期内记录进展。',
    'progress-invalid.order': '进展日期 {date} 早于上面一条记录（{previous}）。请按日期先后排列进展记录。',
    'progress-invalid.percent':
      '进展记录“{text}”的进度超过 100%。请用 0% 到 100% 表示进度，或按关键结果的单位写实际达到的数值（例如目标 80、达到 84 时写“84”）。',
    'duplicate-id.objective': '{owner}的另一个目标已经使用编号 {id}。请为每个目标使用不同的编号，例如“{suggestion}”。',
    'duplicate-id.kr': '该目标的另一个关键结果已经使用编号 {id}。请为每个关键结果使用不同的编号，例如“{suggestion}”。',
    'owner.file': '本文件',
    'fix.objective-metric-to-kr': '把“{text}”移到新的关键结果 {id}',
    'fix.add-target': '添加待填写的目标值',
    'fix.target-text': '——目标值：[数量]',
    'fix.add-period': '在文件头添加“period: {period}”',
    'fix.add-deadline': '为该关键结果添加截止时间“{deadline}”',
    'fix.deadline-text': '（{date}前）',
    'fix.renumber': '重新编号为 {id}',
    'fix.move-krs-backlog': '把前 {max} 个之后的关键结果移到待办区',
    'fix.move-objectives-backlog': '把前 {max} 个之后的目标移到待办清单（注释中）',
    'fix.backlog-heading': '待办清单',
    'fix.backlog-note': '不属于本期 OKR：留待以后再考虑的想法。',
    'fix.replace-link': '改为链接到 {target}',
    'fix.all-okr': '修复本文件中所有可自动修复的 OKR 问题',
  },
);
