"""UI strings in English and Japanese. Domain labels (materials, stages, prefectures, kinds …)
come from the vocabulary's code lists, not from here."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (en, ja)
    "site.title": ("Junkan circular-economy hub", "循環 サーキュラーエコノミー情報ハブ"),
    "site.tagline": ("Open circulation data for Japan", "日本の循環を見える化するオープンデータ"),
    "nav.overview": ("Overview", "概要"),
    "nav.flows": ("Flows", "フロー"),
    "nav.regions": ("Regions", "地域"),
    "nav.members": ("Members", "会員"),
    "nav.indicators": ("Indicators", "指標"),
    "nav.quality": ("Data quality", "データ品質"),
    "nav.main": ("Main navigation", "メインナビゲーション"),
    "skip": ("Skip to content", "本文へ移動"),
    "lang.switch": ("日本語", "English"),
    "lang.switch.label": ("Language", "言語"),
    "source.snapshot": ("Source", "出典"),
    "source.live": (
        "live database (snapshot not built yet)",
        "稼働中データベース（スナップショット未作成）",
    ),
    "source.date": ("Data as of", "データ時点"),
    "source.records": ("records", "件のレコード"),
    "source.rule": ("Disclosure rule", "秘匿基準"),
    "overview.title": ("Japan's material cycle", "日本の物質循環"),
    "overview.national": (
        "National material-cycle indicators against the FY2030 targets",
        "国の物質循環指標と2030年度目標",
    ),
    "overview.national.none": (
        "No national material-flow account (region JP) has been submitted yet.",
        "全国の物質フロー（地域 JP）はまだ登録されていません。",
    ),
    "overview.region": ("Municipal waste in the member regions", "会員地域の一般廃棄物"),
    "overview.target": ("FY2030 target", "2030年度目標"),
    "overview.values": ("Reported", "実績"),
    "overview.rp.no_gdp": (
        "needs Japan's real GDP (a RegionStatistics record for region JP)",
        "日本の実質GDP（地域 JP の RegionStatistics レコード）が必要です",
    ),
    "overview.no_value": ("not computable from the data", "データから算出できません"),
    "flows.title": ("Circulation flows", "循環フロー"),
    "flows.filters": ("Filters", "絞り込み"),
    "flows.material": ("Material or category", "素材・分類"),
    "flows.period": ("Fiscal year", "年度"),
    "flows.region": ("Region", "地域"),
    "flows.stage": ("Stage (either end)", "工程（始点または終点）"),
    "flows.unit": ("Unit", "単位"),
    "flows.all": ("All", "すべて"),
    "flows.apply": ("Apply", "適用"),
    "flows.download": ("Download this view", "この表示をダウンロード"),
    "flows.csv": ("CSV", "CSV"),
    "flows.parquet": ("Parquet", "Parquet"),
    "flows.table": ("Flows in this view", "この表示のフロー"),
    "flows.from": ("From", "始点"),
    "flows.to": ("To", "終点"),
    "flows.value": ("Amount", "量"),
    "flows.contributors": ("Contributing groups", "報告企業グループ数"),
    "flows.none": ("No flows match these filters.", "条件に合うフローはありません。"),
    "flows.hidden": ("hidden to protect confidential data", "機密データ保護のため非表示"),
    "flows.hidden.note": (
        "{n} flows are hidden to protect confidential data: a published amount needs at least "
        "three enterprise groups and no dominant contributor (p% rule). Affected stages: {stages}.",
        "{n}件のフローは機密データ保護のため非表示です。公表には3企業グループ以上の報告があり、"
        "特定の報告者が支配的でないこと（p%ルール）が必要です。関係する工程：{stages}。",
    ),
    "flows.unaccounted.note": (
        "Grey \u201cunaccounted\u201d nodes show where reported inflows and outflows of a stage "
        "do not balance.",
        "灰色の「未計上」ノードは、工程の流入と流出の報告が一致しない差分を示します。",
    ),
    "flows.loops.note": (
        "Flows back into earlier stages (recycling loops) are drawn as arcs.",
        "前の工程に戻るフロー（リサイクルのループ）は弧で描かれます。",
    ),
    "flows.chart": ("Sankey diagram of the flows in this view", "この表示のフローのサンキー図"),
    "unaccounted": ("unaccounted", "未計上"),
    "unaccounted.in": ("unaccounted input to {stage}", "{stage}への未計上の流入"),
    "unaccounted.out": ("unaccounted output of {stage}", "{stage}からの未計上の流出"),
    "region.national": ("Japan (national account)", "全国（物質フロー勘定）"),
    "regions.title": ("Regions", "地域"),
    "regions.intro": (
        "Municipal solid waste as reported by the municipalities (public records only).",
        "自治体が報告した一般廃棄物の統計（公開レコードのみ）。",
    ),
    "regions.code": ("Code", "コード"),
    "regions.name": ("Region", "地域"),
    "regions.year": ("FY", "年度"),
    "regions.population": ("Population", "人口"),
    "regions.none": ("No municipal waste statistics yet.", "一般廃棄物の統計はまだありません。"),
    "region.flows": ("Flows in this region", "この地域のフロー"),
    "region.history": ("Municipal waste by fiscal year", "年度別の一般廃棄物"),
    "members.title": ("Members", "会員"),
    "members.intro": (
        "Public directory of member organisations, their published targets and latest "
        "follow-up reports.",
        "会員組織の公開名簿と、公表された目標・最新のフォローアップ報告。",
    ),
    "members.since": ("Member since", "入会"),
    "members.targets": ("Published targets", "公表目標"),
    "members.no_targets": ("No published targets.", "公表された目標はありません。"),
    "members.baseline": ("Baseline", "基準"),
    "members.target": ("Target", "目標"),
    "members.latest": ("Latest follow-up", "最新のフォローアップ"),
    "members.none_yet": ("none published yet", "未公表"),
    "indicators.title": ("Indicators", "指標"),
    "indicator.definition": ("Definition", "定義"),
    "indicator.formula": ("Formula", "算定式"),
    "indicator.unit": ("Unit", "単位"),
    "indicator.source": ("Source", "出典"),
    "indicator.values": ("Values", "値"),
    "indicator.lineage": ("Lineage", "算定根拠"),
    "indicator.lineage.intro": (
        "Figures behind each value and how many records each came from.",
        "各値の根拠となる数量と、その元になったレコード数。",
    ),
    "indicator.records": ("records", "件"),
    "indicator.unknown": ("Unknown indicator", "不明な指標"),
    "quality.title": ("Data quality", "データ品質"),
    "quality.need_key": (
        "This page shows a member's latest submissions and their validation reports. It needs "
        "an API key in the Authorization header (members see their own submissions, the "
        "secretariat sees all). Browser sign-in is not built yet; until then use the API, e.g. "
        "GET /api/v1/submissions/<id>, or request this page with the header.",
        "このページには会員の最新の登録とその検証レポートを表示します。Authorizationヘッダーで"
        "APIキーを送る必要があります（会員は自組織分、事務局は全件）。ブラウザでのログインは未実装"
        "のため、APIを使うか、ヘッダー付きでこのページを要求してください。",
    ),
    "quality.analyst": (
        "Validation reports belong to the submitting member; analyst keys do not see them.",
        "検証レポートは登録した会員のものです。アナリストのキーでは表示されません。",
    ),
    "quality.received": ("Received", "受付日時"),
    "quality.member": ("Member", "会員"),
    "quality.status": ("Status", "状態"),
    "quality.counts": ("Records (valid / invalid)", "レコード（有効／無効）"),
    "quality.issues": ("Errors / warnings", "エラー／警告"),
    "quality.none": ("No submissions.", "登録はありません。"),
    "footer.open": (
        "Open data hub; no request leaves this site.",
        "オープンデータハブ。このサイト以外への通信は行いません。",
    ),
    "footer.api": ("API description (OpenAPI)", "API仕様（OpenAPI）"),
    "error.title": ("Not found", "見つかりません"),
}


def message(key: str, lang: str, **values: object) -> str:
    en, ja = MESSAGES[key]
    text = ja if lang == "ja" else en
    return text.format(**values) if values else text
