"""Catalogue part: letters and forms by e-mail (merged into :data:`dkst.i18n.TEXTS`)."""

TEXTS: dict[str, dict[str, str]] = {
    # options
    "help.send": {
        "vi": "Gửi mỗi đơn vị có email tệp của mình qua thư điện tử (máy chủ SMTP đặt trong DKST_SMTP_HOST…)",
        "en": "E-mail each unit that has an address its own file (SMTP server set in DKST_SMTP_HOST…)",
    },
    "help.resend": {
        "vi": "Gửi cả cho đơn vị đã được gửi đúng tệp này (gui-thu.csv ghi lại những thư đã gửi)",
        "en": "Send also to units already sent this very file (gui-thu.csv records what was sent)",
    },
    "help.send-dry-run": {
        "vi": "Chỉ ghi thư thành tệp .eml bên cạnh các tệp, không gửi gì",
        "en": "Only write each message as an .eml file beside the files; send nothing",
    },
    # words of the messages
    "mail.remind.subject": {
        "vi": "Đôn đốc gửi báo cáo {period} – Phong trào thi đua “Đoàn kết sáng tạo”",
        "en": "Reminder: report for {period} – the “Đoàn kết sáng tạo” emulation movement",
    },
    "mail.form.subject": {
        "vi": "Phiếu báo cáo {period} – Phong trào thi đua “Đoàn kết sáng tạo”",
        "en": "Report form for {period} – the “Đoàn kết sáng tạo” emulation movement",
    },
    "mail.remind.attachment": {
        "vi": "Công văn đôn đốc báo cáo {period}",
        "en": "Reminder of the report for {period}",
    },
    "mail.form.attachment": {"vi": "Phiếu báo cáo {period}", "en": "Report form for {period}"},
    "mail.greeting": {"vi": "Kính gửi: {unit}", "en": "To: {unit}"},
    "mail.remind.body": {
        "vi": "{issuer} gửi kèm công văn đôn đốc đơn vị gửi báo cáo {period} về Phong trào thi đua "
        "“Đoàn kết sáng tạo” (tệp Word đính kèm).",
        "en": "{issuer} sends the attached letter (a Word file) urging your report for {period} on the "
        "“Đoàn kết sáng tạo” emulation movement.",
    },
    "mail.form.body": {
        "vi": "{issuer} gửi kèm phiếu báo cáo {period} về Phong trào thi đua “Đoàn kết sáng tạo” "
        "(tệp Excel đính kèm). Đề nghị đơn vị điền số liệu vào các ô để trống, lưu lại (giữ nguyên tên "
        "các trang và các ô đã khóa) và gửi lại tệp đã điền.",
        "en": "{issuer} sends the attached report form for {period} on the “Đoàn kết sáng tạo” emulation "
        "movement (an Excel file). Please fill in the blank cells, save it (keeping its sheets and locked "
        "cells as they are) and send the filled file back.",
    },
    "mail.deadline": {
        "vi": "Hạn cuối gửi báo cáo: {deadline}.",
        "en": "Last day to send the report: {deadline}.",
    },
    "mail.where": {
        "vi": "Báo cáo gửi về {office}; đồng thời gửi qua địa chỉ email: {email}.",
        "en": "Send the report to {office}, and also by e-mail to: {email}.",
    },
    "mail.where-email": {
        "vi": "Báo cáo gửi qua địa chỉ email: {email}.",
        "en": "Send the report by e-mail to: {email}.",
    },
    "mail.closing": {"vi": "Trân trọng./.", "en": "Yours faithfully,"},
    "mail.footer": {
        "vi": "(Thư gửi tự động bằng dkst; xin trả lời thư này nếu cần trao đổi.)",
        "en": "(Sent by dkst; reply to this message with any question.)",
    },
    # results, one line per unit
    "mail.sent": {"vi": "đã gửi: {unit} <{address}>", "en": "sent: {unit} <{address}>"},
    "mail.would-send": {
        "vi": "sẽ gửi (chạy thử, chưa gửi): {unit} <{address}> → {eml}",
        "en": "would send (dry run, nothing sent): {unit} <{address}> → {eml}",
    },
    "mail.skipped": {
        "vi": "bỏ qua, đã gửi tệp này ngày {time}: {unit} <{address}> (gửi lại: --resend)",
        "en": "skipped, this file was sent on {time}: {unit} <{address}> (send again: --resend)",
    },
    "mail.no-address": {
        "vi": "không gửi, đơn vị chưa có email trong units.yaml: {unit}",
        "en": "not sent, the unit has no email in units.yaml: {unit}",
    },
    "mail.bad-address": {
        "vi": "không gửi, email “{address}” của đơn vị không hợp lệ: {unit}",
        "en": "not sent, the unit's email “{address}” is not valid: {unit}",
    },
    "mail.failed": {
        "vi": "lỗi, chưa gửi được: {unit} <{address}>: {error}",
        "en": "failed: {unit} <{address}>: {error}",
    },
    "mail.summary": {
        "vi": "Thư: đã gửi {sent}, bỏ qua {skipped} (đã gửi trước đó), {none} đơn vị không có email, {failed} lỗi. "
        "Sổ gửi thư: {log}",
        "en": "Mail: {sent} sent, {skipped} skipped (sent before), {none} units without an e-mail address, "
        "{failed} failed. Log: {log}",
    },
    "mail.summary-dry": {
        "vi": "Chạy thử: {count} thư ghi thành tệp .eml trong {folder}, không gửi thư nào.",
        "en": "Dry run: {count} messages written as .eml files in {folder}; nothing was sent.",
    },
    # errors
    "mail-no-sender": {
        "vi": "plan.yaml chưa có report_to.email: thư cần địa chỉ gửi đi (đơn vị trả lời về địa chỉ đó)",
        "en": "plan.yaml has no report_to.email: messages need a sender address (units reply to it)",
    },
    "mail-bad-sender": {
        "vi": "report_to.email “{address}” trong plan.yaml không phải địa chỉ email",
        "en": "report_to.email “{address}” in plan.yaml is not an e-mail address",
    },
    "mail-no-host": {
        "vi": "Chưa đặt máy chủ thư: đặt biến môi trường DKST_SMTP_HOST (ví dụ smtp.gmail.com; xem hướng dẫn, "
        "mục gửi thư), hoặc dùng --dry-run để chỉ ghi tệp .eml",
        "en": "No mail server set: set the environment variable DKST_SMTP_HOST (e.g. smtp.gmail.com; see the "
        "guide on e-mail), or use --dry-run to write .eml files only",
    },
    "mail-bad-security": {
        "vi": "DKST_SMTP_SECURITY “{value}” không hợp lệ; chọn một trong: {choices}",
        "en": "DKST_SMTP_SECURITY “{value}” is not valid; choose one of: {choices}",
    },
    "mail-plain-remote": {
        "vi": "DKST_SMTP_SECURITY=none chỉ dùng với máy chủ chuyển thư trên chính máy này, không với {host}: "
        "mật khẩu và thư sẽ đi không mã hóa",
        "en": "DKST_SMTP_SECURITY=none is only for a relay on this machine, not {host}: the password and the "
        "messages would travel unencrypted",
    },
    "mail-bad-port": {
        "vi": "DKST_SMTP_PORT “{value}” không phải số cổng (1–65535)",
        "en": "DKST_SMTP_PORT “{value}” is not a port number (1–65535)",
    },
    "mail-keyring": {
        "vi": "Không đọc được mật khẩu từ kho mật khẩu của hệ thống ({error}); đặt DKST_SMTP_PASSWORD",
        "en": "Could not read the password from the system's keyring ({error}); set DKST_SMTP_PASSWORD",
    },
    "mail-no-password": {
        "vi": "Máy chủ đòi đăng nhập mà chưa có mật khẩu của {user}: đặt DKST_SMTP_PASSWORD, hoặc lưu vào kho "
        "mật khẩu (keyring set {service} {user})",
        "en": "The server asks for a login and there is no password for {user}: set DKST_SMTP_PASSWORD, or "
        "store it in the keyring (keyring set {service} {user})",
    },
    "mail-connect": {
        "vi": "không kết nối được máy chủ thư {host}:{port} ({error})",
        "en": "could not connect to the mail server {host}:{port} ({error})",
    },
    "mail-tls": {
        "vi": "kết nối mã hóa với {host} không an toàn hoặc thất bại ({error})",
        "en": "the encrypted connection to {host} failed or is not trusted ({error})",
    },
    "mail-no-starttls": {
        "vi": "máy chủ {host} không hỗ trợ STARTTLS; đặt DKST_SMTP_SECURITY=tls (cổng 465) nếu máy chủ dùng TLS",
        "en": "the server {host} does not offer STARTTLS; set DKST_SMTP_SECURITY=tls (port 465) if it uses TLS",
    },
    "mail-login": {
        "vi": "máy chủ từ chối đăng nhập của {user} (sai mật khẩu? Gmail cần mật khẩu ứng dụng) ({error})",
        "en": "the server refused the login of {user} (wrong password? Gmail needs an app password) ({error})",
    },
    "mail-rejected": {
        "vi": "máy chủ từ chối địa chỉ nhận {address} ({error})",
        "en": "the server refused the address {address} ({error})",
    },
    "mail-sender-refused": {
        "vi": "máy chủ từ chối địa chỉ gửi {address} ({error})",
        "en": "the server refused the sender address {address} ({error})",
    },
    "mail-data-refused": {"vi": "máy chủ từ chối thư ({error})", "en": "the server refused the message ({error})"},
    "mail-failed": {"vi": "gửi thư thất bại ({error})", "en": "sending failed ({error})"},
    "mail-send-format": {
        "vi": "--send gửi công văn dạng Word: bỏ --format md (hoặc dùng --format docx)",
        "en": "--send sends the letters as Word files: drop --format md (or use --format docx)",
    },
    "mail-log-failed": {
        "vi": "Không ghi được sổ gửi thư {path}: {error}",
        "en": "Could not write the mail log {path}: {error}",
    },
    # import of saved e-mails
    "eml-unreadable": {
        "vi": "{file}: không đọc được thư điện tử ({error})",
        "en": "{file}: the e-mail could not be read ({error})",
    },
    "eml-too-large": {
        "vi": "{file}: thư lớn {size} byte, vượt giới hạn {limit} byte; không đọc",
        "en": "{file}: the e-mail is {size} bytes, over the {limit}-byte limit; not read",
    },
    "eml-no-form": {
        "vi": "{file}: thư không đính kèm tệp Excel (.xlsx) nào",
        "en": "{file}: the e-mail has no Excel (.xlsx) attachment",
    },
    "eml-attachment": {
        "vi": "tệp “{name}” đính kèm thư của {sender} ngày {date}",
        "en": "attachment “{name}” of the e-mail from {sender} of {date}",
    },
    "eml-source": {"vi": "email {sender}, {date}: {name}", "en": "e-mail {sender}, {date}: {name}"},
    "eml-other-sender": {
        "vi": "Cảnh báo: thư gửi từ {sender}, là địa chỉ của đơn vị {other}, nhưng phiếu là của đơn vị {unit}; "
        "hãy hỏi lại trước khi dùng số liệu",
        "en": "Warning: the e-mail comes from {sender}, the address of unit {other}, but the form is unit {unit}'s; "
        "ask before using its figures",
    },
}
