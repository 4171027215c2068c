"""The catalogue of every reason a verdict gives: one stable code per failure, notice or pass,
with its English and Simplified Chinese template and named parameters.

A :class:`Reason` is data (a code and its parameters), never a sentence: the sentence is rendered
from this catalogue in the language asked for, so a Chinese verdict holds no English fragment and
a test asserts ``check.code``, not words. Codes are stable (machines read them in ``--json``
output); a template's wording may improve. How parameters are rendered: :mod:`exporter_desk._catalogue`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from exporter_desk._catalogue import Language, Reason, placeholders, reason, register

__all__ = [
    "CATALOGUE",
    "Language",
    "Reason",
    "document_kind",
    "document_title",
    "placeholders",
    "reason",
]


def document_kind(kind: str) -> Reason | str:
    """A log entry's document kind as a reason names it: a known kind is translated, any other
    (the entry is data from the file) is shown as it is."""
    code = f"kind.{kind}"
    return Reason(code) if code in CATALOGUE else kind


_REASONS: Final[Mapping[str, tuple[str, str]]] = {
    # --- the verdict as a whole ----------------------------------------------------------------
    "verdict.authentic": (
        "Signed by a trusted issuer, unchanged since registration, and registered with the "
        "trust network.",
        "由受信任的签发方签名，登记后未被改动，并已在信任网络登记。",
    ),
    "verdict.incomplete": (
        "The check could not be completed: not every step of the verification ran, so no "
        "verdict can be given.",
        "检查未能完成：并非每个验证步骤都已执行，因此无法给出结论。",
    ),
    "result.tampered": ("TAMPERED", "已被篡改"),
    "result.incomplete": ("INCOMPLETE", "检查未完成"),
    "result.unreadable": ("UNREADABLE", "无法读取"),
    "result.unsigned": ("UNSIGNED", "未签名"),
    "result.untrusted_issuer": ("UNTRUSTED ISSUER", "签发方不受信任"),
    "result.not_registered": ("NOT REGISTERED", "未登记"),
    "result.authentic": ("AUTHENTIC", "真实有效"),
    # --- any step ------------------------------------------------------------------------------
    "check.internal_error": (
        "This check could not be completed because of an unexpected error in Exporter Desk "
        "itself, so no verdict can be given on it; the details were logged.",
        "由于 Exporter Desk 自身出现意外错误，此项检查未能完成，因此无法给出结论；详情已记入日志。",
    ),
    "check.damaged": (
        "Part of the file is damaged or malformed, so this could not be checked.",
        "文件的一部分已损坏或格式不正确，无法完成此项检查。",
    ),
    "check.out_of_time": (
        "Checking took longer than the {budget} seconds allowed and was stopped; the file may "
        "be built to slow checkers down.",
        "检查超过了允许的 {budget} 秒，已被中止；该文件可能是为拖慢检查而特意构造的。",
    ),
    "skip.stopped": (
        "Not checked: the check of this file was stopped.",
        "未检查：本文件的检查已被中止。",
    ),
    "stopped.memory": (
        "Checking this file needed more memory than a check is allowed, so it was stopped; the "
        "file may be built to exhaust checkers.",
        "检查该文件所需的内存超过了允许的上限，已被中止；该文件可能是为耗尽检查程序而特意构造的。",
    ),
    "stopped.crash": (
        "The checker stopped unexpectedly while reading this file, so nothing could be checked; "
        "the file may be built to break checkers. The other files were checked.",
        "读取该文件时检查程序意外中止，因此无法进行任何检查；该文件可能是为破坏检查程序而特意构造的。"
        "其他文件已照常检查。",
    ),
    "skip.no_signature": ("Not checked: there is no usable signature.", "未检查：没有可用的签名。"),
    "skip.no_receipt": (
        "Not checked: there is no usable registration receipt.",
        "未检查：没有可用的登记回执。",
    ),
    "skip.step_failed": (
        "Not checked, because step {step} failed.",
        "未检查，因为第 {step} 步未通过。",
    ),
    "skip.step_incomplete": (
        "Not checked, because step {step} could not be completed.",
        "未检查，因为第 {step} 步未能完成。",
    ),
    "skip.unreadable": ("Not checked: the file could not be read.", "未检查：无法读取该文件。"),
    "skip.out_of_time": (
        "Not checked: the time allowed for this file ran out.",
        "未检查：本文件的检查时间已用完。",
    ),
    # --- 1. parse ------------------------------------------------------------------------------
    "parse.not_pdf": ("This file is not a readable PDF document.", "该文件不是可读取的 PDF 文件。"),
    "parse.unreadable": (
        "This file is not a readable PDF document (it is damaged, truncated, encrypted, or not "
        "a PDF at all).",
        "该文件不是可读取的 PDF 文件（已损坏、被截断、已加密，或根本不是 PDF）。",
    ),
    "parse.too_large": (
        "The file is larger than {limit}, the most a verification reads (an issued document is "
        "far smaller); it was not read.",
        "该文件超过 {limit}，即检查所读取的上限（签发的文件远小于此），未予读取。",
    ),
    "parse.cannot_open": ("The file could not be opened: {error}.", "无法打开该文件。"),
    "parse.oversized_part": (
        "Part of this file is far larger than anything an issued document holds, so it was not "
        "read: reading it could exhaust this computer's memory.",
        "该文件的某一部分远大于任何签发文件所含的内容，为免耗尽本机内存，未予读取。",
    ),
    "parse.objects_after_signature": (
        "The file was changed after it was signed: about {count} objects were written after "
        "the signature, far more than validation data or a time stamp take. Only those may "
        "follow the signature.",
        "文件在签名后被改动：签名之后写入了约 {count} 个对象，远多于验证数据或时间戳所需。"
        "签名之后只允许追加这两类内容。",
    ),
    "parse.signature_removed": (
        "The document was signed, but revision {revision} removed the signature from it (it "
        "replaced the document catalog or dropped its form), so that it reads as unsigned.",
        "该文件原有签名，但第 {revision} 版将签名移除（替换了文件目录或删除了表单），"
        "使其看似未签名。",
    ),
    "parse.unsigned": (
        "This PDF is not signed, so nothing vouches for who issued it or that it is unchanged.",
        "该 PDF 没有签名，无法证明其签发方，也无法证明其未被改动。",
    ),
    "parse.signature_damaged": (
        "The document's signature is damaged (parts of it were removed or altered), so it "
        "cannot be checked.",
        "文件的签名已损坏（部分内容被删除或修改），无法检查。",
    ),
    "parse.signature_unreadable": (
        "The document's signature is damaged, so it cannot be checked.",
        "文件的签名已损坏，无法检查。",
    ),
    "parse.several_signatures": (
        "The file has {count} signatures where an issued document has exactly one; a later "
        "signature can change what the document shows.",
        "该文件有 {count} 个签名，而签发的文件只应有一个；后加的签名可能改变文件显示的内容。",
    ),
    "parse.passed": (
        "A readable PDF of {revisions} revisions with one signature ({field}); {size}, within "
        "the {limit} a verification reads.",
        "可读取的 PDF，共 {revisions} 个版本，有一个签名（{field}）；"
        "大小 {size}，未超过检查所读取的上限 {limit}。",
    ),
    # --- 2. signature --------------------------------------------------------------------------
    "signature.malformed": (
        "The signature is damaged or in a form that cannot be checked.",
        "签名已损坏，或其格式无法检查。",
    ),
    "signature.digest_mismatch": (
        "The file was changed after it was signed: its content no longer matches the signature.",
        "文件在签名后被改动过：其内容与签名不再相符。",
    ),
    "signature.invalid": (
        "The signature does not verify with the certificate of {who}: it was forged or damaged.",
        "签名无法用 {who} 的证书验证：签名是伪造的或已损坏。",
    ),
    "signature.not_valid_then": (
        "The certificate of {who} was not valid at the signing time it claims ({time}).",
        "{who} 的证书在其声称的签名时间（{time}）并不有效。",
    ),
    "signature.revoked": ("The certificate of {who} has been revoked.", "{who} 的证书已被吊销。"),
    "signature.untrusted": (
        "The signer's certificate names {who}, but it was not issued by a trust network you "
        "have pinned or a certificate authority you trust, so nothing vouches for who signed.",
        "签名人的证书名为 {who}，但它既非由您已固定的信任网络签发，也非由您信任的证书机构签发，"
        "因此无法确认签名人的身份。",
    ),
    "signature.passed": (
        "Intact signature by {who}, whose certificate is vouched for by {anchor}.",
        "签名完整，签名人为 {who}，其证书由{anchor}担保。",
    ),
    "anchor.network": ("trust network {origin}", "信任网络 {origin}"),
    "anchor.ca": ("your trusted CA {subject}", "您信任的证书机构 {subject}"),
    "anchor.unknown": ("a trusted root", "受信任的根证书"),
    "signer.name": ("{company}", "{company}"),
    "signer.name_with_id": ("{company} ({id})", "{company} ({id})"),
    "signer.quoted": ('"{name}"', "“{name}”"),
    "signer.claimed": (
        '"{name}" (a name it claims, which nothing you trust vouches for)',
        "“{name}”（自称的名称，无任何您信任的机构为其担保）",
    ),
    # --- 3. coverage ---------------------------------------------------------------------------
    "coverage.gaps": (
        "The signature leaves parts of the file unsigned besides its own value, so those parts "
        "could have been changed.",
        "签名未覆盖除签名值以外的部分文件内容，这些部分可能已被改动。",
    ),
    "coverage.partial_revision": (
        "The signature covers only part of a revision of the file.",
        "签名只覆盖了文件某个版本的一部分。",
    ),
    "coverage.update_not_permitted": (
        "The file was changed after it was signed: revision {revision} was added after the "
        "signature, and {rejection}. Only validation data or a document time stamp from a "
        "trusted authority may follow the signature.",
        "文件在签名后被改动：签名之后添加了第 {revision} 版，且{rejection}。"
        "签名之后只允许追加验证数据或受信任机构的文档时间戳。",
    ),
    "coverage.trailing_bytes": (
        "{count} bytes were appended after the end of the signed file.",
        "在已签名文件的末尾之后追加了 {count} 个字节。",
    ),
    "coverage.passed_with_updates": (
        "The signature covers the file up to revision {revision}; each of the {count} later "
        "revision(s) was checked to add only validation data or a document time stamp from a "
        "trusted authority.",
        "签名覆盖至第 {revision} 版；其后的 {count} 个版本经检查仅添加了验证数据或"
        "受信任机构的文档时间戳。",
    ),
    "coverage.passed": ("The signature covers the whole file.", "签名覆盖整个文件。"),
    # what a revision after the signature adds that it may not (inside coverage.update_...)
    "update.replaces_catalog": ("it replaces the document catalog", "它替换了文件目录（/Root）"),
    "update.changes_catalog": (
        "it changes the document catalog's {key}",
        "它改动了文件目录的 {key}",
    ),
    "update.unexplained_object": (
        "it adds object {number} ({what}){more}, which is neither validation data nor a "
        "document time stamp",
        "它添加了对象 {number}（{what}）{more}，既不是验证数据也不是文档时间戳",
    ),
    "update.more_objects": (" and {count} more object(s)", "及另外 {count} 个对象"),
    "update.stamp_range": (
        "its document time stamp {name} does not cover the file up to itself",
        "其文档时间戳 {name} 未覆盖截至其自身的文件内容",
    ),
    "update.stamp_untrusted": (
        "its document time stamp {name} is not vouched for by a trusted time-stamping "
        "authority (it is damaged, forged or from an unknown authority)",
        "其文档时间戳 {name} 未获受信任的时间戳机构担保（已损坏、伪造或来自未知机构）",
    ),
    "update.too_many_bytes": (
        "it adds {count} bytes, far more than validation data or a time stamp take",
        "它添加了 {count} 个字节，远多于验证数据或时间戳所需",
    ),
    "update.too_many_objects": (
        "it writes {count} objects, far more than validation data or a time stamp take",
        "它写入了 {count} 个对象，远多于验证数据或时间戳所需",
    ),
    "update.object_streams": (
        "it packs objects into an object stream or cross-reference stream, where nothing can "
        "be checked object by object",
        "它把对象打包进对象流或交叉引用流，无法逐个检查",
    ),
    "update.xref_misplaced": (
        "its cross-reference table is not where the file says",
        "其交叉引用表不在文件声明的位置",
    ),
    "update.object_outside": (
        "its object {number} lies outside the revision",
        "其对象 {number} 位于该版本之外",
    ),
    "update.stray_bytes": (
        "it carries {count} bytes that belong to no object",
        "它携带了 {count} 个不属于任何对象的字节",
    ),
    "update.hidden_data": (
        "its object {number} hides other data beside the object itself",
        "其对象 {number} 在对象本身之外还藏有其他数据",
    ),
    "update.xref_extra_data": (
        "its cross-reference table or trailer carries other data",
        "其交叉引用表或文件尾携带了其他数据",
    ),
    "update.replaces_object": (
        "it replaces or deletes object {number} ({what}) of the signed document",
        "它替换或删除了已签名文件的对象 {number}（{what}）",
    ),
    "update.page_change": ("it {change} on a page", "它在页面上{change}"),
    "update.info_not_text": (
        "its document information dictionary holds more than text",
        "其文件信息字典包含文本以外的内容",
    ),
    "update.metadata_not_xmp": (
        "its metadata stream is not plain XMP metadata",
        "其元数据流不是普通的 XMP 元数据",
    ),
    "update.dss_malformed": (
        "its validation data (/DSS) is not made of certificates, OCSP responses and CRLs",
        "其验证数据（/DSS）并非由证书、OCSP 响应和 CRL 组成",
    ),
    "update.signature_not_stamp": (
        "it adds the signature {name}, which is not a document time stamp",
        "它添加了签名 {name}，而该签名不是文档时间戳",
    ),
    "update.stamp_entries": (
        "its document time stamp {name} carries unexpected entries",
        "其文档时间戳 {name} 带有意外的条目",
    ),
    "update.stamp_visible": (
        "its document time stamp {name} has a visible widget",
        "其文档时间戳 {name} 带有可见的控件",
    ),
    "page_change.removes_page": ("removes a page", "删除了页面"),
    "page_change.changes_key": ("changes {key}", "更改了 {key}"),
    "page_change.removes_annotations": ("removes annotations", "删除了批注"),
    "page_change.malformed_annotations": ("has malformed annotations", "放置了格式错误的批注"),
    "page_change.foreign_annotation": (
        "adds an annotation that is not a document time stamp",
        "添加了不是文档时间戳的批注",
    ),
    # what a PDF object is (update.unexplained_object, update.replaces_object)
    "object.typed_stream": ("a {kind} stream of {size} bytes", "{size} 字节的 /{kind} 流"),
    "object.stream": ("a stream of {size} bytes", "{size} 字节的流"),
    "object.typed_dictionary": ("a {kind} dictionary", "/{kind} 字典"),
    "object.dictionary": ("a dictionary", "字典"),
    "object.array": ("an array of {count} items", "含 {count} 项的数组"),
    "object.value": ("a simple value", "简单值"),
    # --- 4. receipt ----------------------------------------------------------------------------
    "receipt.missing": (
        "The document carries no registration receipt: it was signed without being registered "
        "with a trust network, or before its registration completed.",
        "该文件没有登记回执：它在未向信任网络登记（或登记尚未完成）时就被签名了。",
    ),
    "receipt.several": (
        "The document carries {count} registration receipts where there must be one.",
        "该文件带有 {count} 份登记回执，而只应有一份。",
    ),
    "receipt.damaged": (
        "The registration receipt is damaged, so the registration cannot be confirmed.",
        "登记回执已损坏，无法确认登记。",
    ),
    "receipt.other_document": (
        "The registration receipt is for another document: the fingerprint it records for "
        "{kind} {number} does not match this file.",
        "该登记回执属于另一份文件：其记录的 {kind} {number} 的指纹与本文件不符。",
    ),
    "receipt.not_revision_one": (
        "The registered part of the file is not a complete revision 1 on its own, so the "
        "registered bytes do not determine what the document shows.",
        "已登记的部分并非独立完整的第 1 版，因此登记的字节不能决定文件显示的内容。",
    ),
    "receipt.wrong_revision": (
        "The signature is on revision {revision}, but an issued document is signed in revision "
        "3 (registered document, receipt, signature).",
        "签名位于第 {revision} 版，而签发的文件应在第 3 版签名（已登记文件、回执、签名）。",
    ),
    "receipt.passed": (
        "The receipt registers exactly this document: {kind} {number}, the first {length} bytes "
        "(revision 1).",
        "回执登记的正是本文件：{kind} {number}，即前 {length} 个字节（第 1 版）。",
    ),
    # --- 5. revisions --------------------------------------------------------------------------
    "revisions.more": (
        "{finding} ({count} more change(s) of this kind were found.)",
        "{finding}（另发现 {count} 处此类改动。）",
    ),
    "revisions.passed": (
        "The {count} revision(s) after revision 1 only add the receipt, the signature and "
        "metadata; every page is exactly as registered.",
        "第 1 版之后的 {count} 个版本只添加了回执、签名和元数据；每一页都与登记时完全相同。",
    ),
    "revision.hybrid": (
        "Revision {revision} uses hybrid cross-reference sections, so different PDF viewers can "
        "show different content.",
        "第 {revision} 版使用混合交叉引用表，不同的 PDF 阅读器可能显示不同的内容。",
    ),
    "revision.deletes": (
        "Revision {revision} deletes part of the registered document.",
        "第 {revision} 版删除了已登记文件的一部分。",
    ),
    "revision.replaces": (
        "Revision {revision} replaces {what} of the registered document, so what you see is not "
        "what was registered.",
        "第 {revision} 版替换了已登记文件中的{what}，您看到的内容与登记的内容不一致。",
    ),
    "revision.replaces_document": (
        "Revision {revision} replaces the whole document with another one.",
        "第 {revision} 版把整个文件替换成了另一个文件。",
    ),
    "revision.encrypts": (
        "Revision {revision} encrypts the document.",
        "第 {revision} 版对文件进行了加密。",
    ),
    "revision.catalog": (
        "Revision {revision} changes how the document opens or what it shows ({key} in the "
        "document catalog).",
        "第 {revision} 版更改了文件的打开方式或显示内容（文件目录中的 {key}）。",
    ),
    "revision.form_fields": (
        "Revision {revision} adds form fields other than signatures.",
        "第 {revision} 版添加了签名以外的表单字段。",
    ),
    "revision.pages": (
        "Revision {revision} changes the pages or their order.",
        "第 {revision} 版更改了页面或页面顺序。",
    ),
    "revision.adds_page": (
        "Revision {revision} adds a page that was not registered.",
        "第 {revision} 版添加了未登记的页面。",
    ),
    "revision.changes_page": (
        "Revision {revision} changes page {page} ({key}).",
        "第 {revision} 版更改了第 {page} 页（{key}）。",
    ),
    "revision.content_as_annotation": (
        "Revision {revision} turns part of the registered document into an annotation on page "
        "{page}.",
        "第 {revision} 版把已登记文件的一部分变成了第 {page} 页上的批注。",
    ),
    "revision.adds_annotation": (
        "Revision {revision} adds an annotation ({kind}) on page {page} that can cover or "
        "change what the page shows.",
        "第 {revision} 版在第 {page} 页添加了批注（/{kind}），可能遮盖或改变页面显示的内容。",
    ),
    "revision.signature_actions": (
        "Revision {revision} attaches actions to the signature on page {page}.",
        "第 {revision} 版为第 {page} 页上的签名附加了动作。",
    ),
    "revision.signature_without_box": (
        "Revision {revision} draws a visible signature on page {page} at {rect}, over the page "
        "content: the registered document reserves no place for a visible signature.",
        "第 {revision} 版在第 {page} 页 {rect} 处绘制了可见签名，覆盖了页面内容；已登记的文件"
        "并未为可见签名预留位置。",
    ),
    "revision.signature_outside_box": (
        "Revision {revision} draws a visible signature on page {page} at {rect}, outside the "
        "blank signature box the registered document reserves (page {box_page}, {box}): it can "
        "cover what the page shows.",
        "第 {revision} 版在第 {page} 页 {rect} 处绘制了可见签名，超出了已登记文件预留的签名框（第 "
        "{box_page} 页，{box}），可能遮盖页面内容。",
    ),
    # what a revision-1 object is (revision.replaces)
    "part.page_content": ("the content of page {page}", "第 {page} 页的页面内容"),
    "part.page_resources": (
        "the resources (fonts, images) of page {page}",
        "第 {page} 页的资源（字体、图像）",
    ),
    "part.page_tree": ("the page tree", "页面树"),
    "part.font": ("a font", "字体"),
    "part.image": ("an image", "图像"),
    "part.form_xobject": ("drawn content (a form XObject)", "绘制内容（表单 XObject）"),
    "part.annotation": ("an annotation", "批注"),
    "part.embedded_file": (
        "an embedded file (such as document.json)",
        "嵌入文件（例如 document.json）",
    ),
    "part.graphics_state": ("graphics settings", "图形状态"),
    "part.object": ("an object", "对象"),
    # --- 6. content ----------------------------------------------------------------------------
    "content.forbidden": (
        "The registered document contains {items}, which can make a viewer show something "
        "other than what was registered.",
        "已登记的文件包含{items}，可能使阅读器显示与登记内容不同的东西。",
    ),
    "content.passed": (
        "The registered document holds plain pages: no scripts, actions, annotations, forms or "
        "layers.",
        "已登记的文件只有普通页面：没有脚本、动作、批注、表单或图层。",
    ),
    "lint.javascript": ("JavaScript", "JavaScript 脚本"),
    "lint.open_action": ("an action that runs when the document opens", "打开文件时自动执行的动作"),
    "lint.automatic_actions": ("actions that run automatically", "自动执行的动作"),
    "lint.layers": (
        "optional content (layers that viewers may hide)",
        "可选内容（阅读器可隐藏的图层）",
    ),
    "lint.form": ("an interactive form", "交互式表单"),
    "lint.xfa": ("an XFA form", "XFA 表单"),
    "lint.portfolio": ("a portfolio view that hides the pages", "隐藏页面的文件包视图"),
    "lint.annotation": ("an annotation", "批注"),
    "lint.action": ("an action (behind an outline item or link)", "动作（位于书签或链接之后）"),
    "lint.annotations_on_pages": ("annotations on page {pages}", "第 {pages} 页上的批注"),
    # --- 7. issuer -----------------------------------------------------------------------------
    "issuer.other": (
        "The document was registered by another issuer (certificate {certificate}…) than {who}, "
        "who signed it: a document registered by one company was re-signed by another.",
        "该文件的登记方（证书 {certificate}…）与签名人 {who} 不是同一方："
        "一家公司登记的文件被另一家公司重新签名。",
    ),
    "issuer.entry_signature": (
        "The registration record was not signed by this document's signer, or it was altered "
        "after signing.",
        "登记记录并非由本文件的签名人签署，或在签署后被改动过。",
    ),
    "issuer.passed": (
        "The registered issuer is the signer, {who}, and the issuer's signature on the "
        "registration record is valid.",
        "登记的签发方即签名人 {who}，且签发方对登记记录的签名有效。",
    ),
    # --- 8. registration -----------------------------------------------------------------------
    "registration.not_pinned": (
        "The document was registered with the trust network {origin}, which you have not "
        "pinned; import its network descriptor to check the registration.",
        "该文件在信任网络 {origin} 登记，而您尚未固定该网络；请导入其网络描述文件后再检查登记。",
    ),
    "registration.log_signature": (
        "The receipt's checkpoint is not signed by the pinned log key of {origin}: it may be "
        "forged.",
        "回执中的检查点并非由已固定的 {origin} 日志密钥签署，可能是伪造的。",
    ),
    "registration.inclusion_proof": (
        "The receipt's inclusion proof does not lead to the log's checkpoint: the receipt was "
        "altered or belongs to another record.",
        "回执中的包含证明无法对应到日志检查点：回执已被改动，或属于另一条记录。",
    ),
    "registration.quorum": (
        "Too few of the independent witnesses that {origin}'s policy requires vouch for the "
        "receipt's checkpoint, so the registration cannot be confirmed.",
        "为回执检查点担保的独立见证方少于 {origin} 的策略要求，无法确认登记。",
    ),
    "registration.trust_root_outdated": (
        "This receipt is vouched for by witnesses that your copy of the network {origin} does "
        "not know ({witnesses}): your trust root for it is out of date. Refresh the network "
        "(Settings, or 'exporter-desk network refresh') and verify again.",
        "该回执由您所存 {origin} 网络信息中没有的见证方（{witnesses}）担保：您的信任根已过期。"
        "请在“设置”中刷新网络后重新验证。",
    ),
    "registration.unconfirmed": (
        "The registration receipt cannot be confirmed against the pinned trust network.",
        "无法依据已固定的信任网络确认该登记回执。",
    ),
    "registration.checkpoint_before_entry": (
        "The receipt's checkpoint is dated before the registration record it contains, which "
        "cannot happen.",
        "回执中检查点的日期早于其所含的登记记录，这不可能发生。",
    ),
    "registration.outside_validity": (
        "The trust network recorded this document on {time}, when the signer's certificate was "
        "not valid.",
        "信任网络于 {time} 记录了该文件，而当时签名人的证书并不有效。",
    ),
    "registration.passed": (
        "Recorded as entry {index} of the log {origin}, confirmed by {count} witness(es) "
        "({witnesses}) on {time}.",
        "已记录为日志 {origin} 的第 {index} 条，由 {count} 个见证方（{witnesses}）于 {time} 确认。",
    ),
    "registration.no_witnesses": ("none required", "无需见证"),
    "time.unwitnessed": ("an unwitnessed time", "未经见证的时间"),
    # --- 9. status -----------------------------------------------------------------------------
    "status.no_registration": (
        "Not checked: there is no confirmed registration to look up.",
        "未检查：没有已确认的登记可供查询。",
    ),
    "status.offline": (
        "Checked offline: this verdict holds as of {time}. Check online to learn whether the "
        "document was superseded or the issuer's membership revoked since.",
        "离线检查：本结论截至 {time} 有效。联网检查可了解此后该文件是否已被取代，"
        "或签发方的成员资格是否已被撤销。",
    ),
    "status.unreachable": (
        "The trust network could not be reached; this verdict holds as of {time}.",
        "无法连接信任网络；本结论截至 {time} 有效。",
    ),
    "time.receipt_checkpoint": ("the receipt's checkpoint", "回执检查点的时间"),
    "status.unverifiable": (
        "The trust network's answer could not be verified against its pinned keys, so it was "
        "ignored; this verdict holds as of the receipt's checkpoint.",
        "信任网络的答复无法用已固定的密钥验证，已被忽略；本结论以回执检查点的时间为准。",
    ),
    "status.history_rewritten": (
        "The trust network's current log does not contain the log this receipt came from: its "
        "history was rewritten, so the registration can no longer be relied on.",
        "信任网络当前的日志不包含本回执所依据的日志：其历史已被改写，登记不再可靠。",
    ),
    "status.superseded": (
        "The issuer replaced this document: {kind} {number} was registered {when} to supersede "
        "it. Ask the issuer for the current version.",
        "签发方已取代本文件：{kind} {number} {when}登记以取代本文件。请向签发方索取现行版本。",
    ),
    "when.by": ("by {time}", "不晚于 {time}"),
    "when.unwitnessed": ("at an unwitnessed time", "于未经见证的时间"),
    "status.revoked": (
        "The trust network revoked the issuer's membership on {time}.",
        "信任网络已于 {time} 撤销签发方的成员资格。",
    ),
    "status.passed": (
        "Checked online as of {time}: the log ({size} entries) still holds the registration, "
        "the document is not superseded and the issuer's membership stands.",
        "已于 {time} 联网检查：日志（共 {size} 条）仍包含该登记，文件未被取代，"
        "签发方的成员资格有效。",
    ),
    "time.now": ("now", "当前"),
    # --- packs ---------------------------------------------------------------------------------
    "pack.empty": ("The pack holds no originals to check.", "该汇总不含可供检查的正本。"),
    "pack.original_passed": (
        "Original {what} inside the pack: AUTHENTIC, and its printed pages match it.",
        "汇总内正本 {what}：真实有效，其打印页与之一致。",
    ),
    "pack.original_failed": (
        "Original {what} inside the pack: {result}. {sentences}",
        "汇总内正本 {what}：{result}。{sentences}",
    ),
    "pack.document": ("{label} {number}", "{label} {number}"),
    "pack.unlisted": (
        "The pack carries a PDF ({name}) that its list of contents does not name.",
        "该汇总带有一份其内容清单未列出的 PDF（{name}）。",
    ),
    "pack.stray_pages": (
        "Pack page(s) {pages} belong to none of the originals in the pack.",
        "汇总第 {pages} 页不属于汇总内的任何正本。",
    ),
    "pack.manifest_damaged": (
        "The pack's list of contents (pack.json) is damaged, so its originals cannot be checked.",
        "汇总的内容清单（pack.json）已损坏，无法检查其中的正本。",
    ),
    "pack.original_damaged": (
        "The original of {what} in the pack is damaged.",
        "汇总内 {what} 的正本已损坏。",
    ),
    "pack.original_missing": (
        "The pack lists {what}, but its original is not in the pack.",
        "汇总列出了 {what}，但汇总内没有其正本。",
    ),
    "pack.original_swapped": (
        "The original of {what} in the pack is not the one the pack was built from: it was "
        "swapped or altered.",
        "汇总内 {what} 的正本不是组成汇总时的那一份：已被替换或改动。",
    ),
    "pack.pages_differ": (
        "Printed pack page(s) {pages} differ from the original of {what}: what is printed is "
        "not what was signed.",
        "汇总第 {pages} 页与 {what} 的正本不符：打印的内容并非签名的内容。",
    ),
}

# Document kinds, as a log entry names them (English: the entry's own word) and as the
# documents' printed titles (a pack's list of contents names those).
_KINDS: Final = {
    "commercial-invoice": ("商业发票", "Commercial Invoice"),
    "proforma-invoice": ("形式发票", "Proforma Invoice"),
    "packing-list": ("装箱单", "Packing List"),
    "sales-contract": ("销售合同", "Sales Contract"),
    "purchase-contract": ("采购合同", "Purchase Contract"),
    "certificate-of-origin": ("原产地证明", "Certificate of Origin"),
    "shipping-instruction": ("托运单", "Shipping Instruction"),
    "beneficiary-certificate": ("受益人证明", "Beneficiary's Certificate"),
    "bill-of-exchange": ("汇票", "Bill of Exchange"),
    "bank-pack": ("银行交单包", "Bank Pack"),
}

CATALOGUE: Final[Mapping[str, tuple[str, str]]] = {
    **_REASONS,
    **{f"kind.{kind}": (kind, zh) for kind, (zh, _) in _KINDS.items()},
    **{f"title.{kind}": (title, zh) for kind, (zh, title) in _KINDS.items()},
}
"""code -> (English template, Simplified Chinese template)."""
register(CATALOGUE)


def document_title(kind: str | None, label: str) -> Reason | str:
    """A document's printed title as a pack lists it: translated when it is the title of a
    known kind, else the label as it is."""
    code = f"title.{kind}"
    if code in CATALOGUE and CATALOGUE[code][0] == label:
        return Reason(code)
    return label
