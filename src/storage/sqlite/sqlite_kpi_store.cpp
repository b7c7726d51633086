// The KpiStore half of SqliteStore: the indicator catalogue (every save a new version), targets per unit and year,
// manual actuals (appended) and the criterion rules of framework versions, on the same connection, mutex and
// transactions as the other halves. Decimals are thousandths; the rules and the evidence lists are JSON.
#include <sqlite3.h>

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_failure.hpp"
#include "storage/sqlite/sqlite_statement.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/sqlite_support.hpp"

namespace parindex {
namespace {

using sqlite::Connection;
using sqlite::Guard;
using sqlite::Statement;
using sqlite::StorageFailure;

constexpr std::string_view kIndicatorColumns =
    "SELECT code, version, name, name_en, unit_of_measure, measure, comparator, value, amber_margin, scope_field,"
    " scope_department, scope_procedure, source, saved_by, saved_at FROM kpi_indicators";
constexpr std::string_view kLatestIndicators =
    " WHERE id IN (SELECT MAX(id) FROM kpi_indicators GROUP BY code)"
    " ORDER BY (SELECT MIN(first.id) FROM kpi_indicators AS first WHERE first.code = kpi_indicators.code)";
constexpr std::string_view kIndicatorVersions = " WHERE code = ?1 ORDER BY version";
constexpr std::string_view kNextVersion = "SELECT COALESCE(MAX(version), 0) + 1 FROM kpi_indicators WHERE code = ?1";
constexpr std::string_view kInsertIndicator =
    "INSERT INTO kpi_indicators(code, version, name, name_en, unit_of_measure, measure, comparator, value,"
    " amber_margin, scope_field, scope_department, scope_procedure, source, saved_by, saved_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

constexpr std::string_view kUpsertTarget =
    "INSERT INTO kpi_targets(unit_code, year, kpi_code, comparator, value, scope_field, scope_department,"
    " scope_procedure, note, saved_by, saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT(unit_code, year, kpi_code) DO UPDATE SET comparator = excluded.comparator,"
    " value = excluded.value, scope_field = excluded.scope_field, scope_department = excluded.scope_department,"
    " scope_procedure = excluded.scope_procedure, note = excluded.note, saved_by = excluded.saved_by,"
    " saved_at = excluded.saved_at";
constexpr std::string_view kSelectTargets =
    "SELECT unit_code, year, kpi_code, comparator, value, scope_field, scope_department, scope_procedure, note,"
    " saved_by, saved_at FROM kpi_targets WHERE year = ?1 AND (?2 IS NULL OR unit_code = ?2)"
    " ORDER BY unit_code, kpi_code";

constexpr std::string_view kInsertActual =
    "INSERT INTO kpi_manual_actuals(unit_code, year, kpi_code, value, date, note, evidence, recorded_by, recorded_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr std::string_view kSelectActuals =
    "SELECT id, unit_code, year, kpi_code, value, date, note, evidence, recorded_by, recorded_at"
    " FROM kpi_manual_actuals WHERE year = ?1 AND (?2 IS NULL OR unit_code = ?2)"
    " ORDER BY unit_code, kpi_code, date, id";

constexpr std::string_view kSelectRules =
    "SELECT rules, saved_by, saved_at FROM kpi_rules WHERE framework_code = ?1 AND version = ?2";
constexpr std::string_view kUpsertRules =
    "INSERT INTO kpi_rules(framework_code, version, rules, saved_by, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT(framework_code, version) DO UPDATE SET rules = excluded.rules, saved_by = excluded.saved_by,"
    " saved_at = excluded.saved_at";

void BindOptional(Statement& statement, int index, const std::optional<std::string>& text) {
    if (text) {
        statement.Bind(index, *text);
    } else {
        statement.BindNull(index);
    }
}

std::optional<std::string> OptionalText(const Statement& row, int column) {
    if (row.IsNull(column)) return std::nullopt;
    return row.Text(column);
}

template <class E>
E EnumColumn(const Connection& connection, const Statement& row, int column, const char* table, const char* name,
             std::optional<E> (*parse)(std::string_view)) {
    const std::string text = row.Text(column);
    const std::optional<E> value = parse(text);
    if (!value) throw StorageFailure(sqlite::MakeCorruptDataError(connection.Action(), table, name, text));
    return *value;
}

KpiIndicator ReadIndicator(const Connection& connection, const Statement& row) {
    KpiIndicator k;
    k.code = row.Text(0);
    k.version = row.Int(1);
    k.name = Text{row.Text(2), row.Text(3)};
    k.unit_of_measure = row.Text(4);
    k.measure = EnumColumn<KpiMeasure>(connection, row, 5, "kpi_indicators", "measure", &ParseKpiMeasure);
    k.comparator = EnumColumn<KpiComparator>(connection, row, 6, "kpi_indicators", "comparator", &ParseKpiComparator);
    k.value = row.DecimalValue(7);
    k.amber_margin = row.DecimalValue(8);
    k.scope.field = OptionalText(row, 9);
    k.scope.department = OptionalText(row, 10);
    k.scope.procedure = OptionalText(row, 11);
    k.source = row.Text(12);
    k.saved_by = row.Text(13);
    k.saved_at = row.Text(14);
    return k;
}

std::string EvidenceJson(const std::vector<std::string>& items) {
    boost::json::array array;
    for (const std::string& item : items) array.emplace_back(item);
    return boost::json::serialize(array);
}

std::string RulesJson(const std::vector<KpiRule>& rules) {
    boost::json::array array;
    for (const KpiRule& rule : rules) {
        boost::json::object o;
        o["node"] = rule.node;
        o["kpi"] = rule.kpi;
        o["method"] = KpiScoringMethodName(rule.method);
        o["floor"] = rule.floor.Thousandths();
        boost::json::array thresholds;
        for (const auto& [value, points] : rule.thresholds) {
            thresholds.push_back(boost::json::array{value.Thousandths(), points.Thousandths()});
        }
        o["thresholds"] = std::move(thresholds);
        array.push_back(std::move(o));
    }
    return boost::json::serialize(array);
}

/// Reads what RulesJson wrote; nothing when malformed.
std::optional<std::vector<KpiRule>> RulesFromJson(std::string_view text) {
    boost::system::error_code error;
    const boost::json::value value = boost::json::parse(text, error);
    if (error || !value.is_array()) return std::nullopt;
    std::vector<KpiRule> rules;
    for (const boost::json::value& item : value.get_array()) {
        const boost::json::object* o = item.if_object();
        if (o == nullptr) return std::nullopt;
        const auto* node = o->if_contains("node");
        const auto* kpi = o->if_contains("kpi");
        const auto* method = o->if_contains("method");
        const auto* floor = o->if_contains("floor");
        const auto* thresholds = o->if_contains("thresholds");
        if (node == nullptr || !node->is_string() || kpi == nullptr || !kpi->is_string() || method == nullptr ||
            !method->is_string() || floor == nullptr || !floor->is_int64() || thresholds == nullptr ||
            !thresholds->is_array()) {
            return std::nullopt;
        }
        KpiRule rule;
        rule.node = std::string(node->get_string());
        rule.kpi = std::string(kpi->get_string());
        const auto parsed = ParseKpiScoringMethod(method->get_string());
        if (!parsed) return std::nullopt;
        rule.method = *parsed;
        rule.floor = Decimal::FromThousandths(floor->get_int64());
        for (const boost::json::value& pair : thresholds->get_array()) {
            const boost::json::array* p = pair.if_array();
            if (p == nullptr || p->size() != 2 || !(*p)[0].is_int64() || !(*p)[1].is_int64()) return std::nullopt;
            rule.thresholds.emplace_back(Decimal::FromThousandths((*p)[0].get_int64()),
                                         Decimal::FromThousandths((*p)[1].get_int64()));
        }
        rules.push_back(std::move(rule));
    }
    return rules;
}

std::optional<std::vector<std::string>> TextsFromJson(std::string_view text) {
    boost::system::error_code error;
    const boost::json::value value = boost::json::parse(text, error);
    if (error || !value.is_array()) return std::nullopt;
    std::vector<std::string> items;
    for (const boost::json::value& item : value.get_array()) {
        if (!item.is_string()) return std::nullopt;
        items.emplace_back(item.get_string());
    }
    return items;
}

}  // namespace

Result<std::vector<KpiIndicator>> SqliteStore::ListKpis() {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc danh mục chỉ tiêu", "read the indicator catalogue"});
    return Guard([&]() -> Result<std::vector<KpiIndicator>> {
        std::vector<KpiIndicator> all;
        auto select = connection_->Cached(std::string(kIndicatorColumns) + std::string(kLatestIndicators));
        while (select->Step()) all.push_back(ReadIndicator(*connection_, *select));
        return all;
    });
}

Result<std::vector<KpiIndicator>> SqliteStore::KpiVersions(const std::string& code) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc chỉ tiêu " + code, "read the indicator " + code});
    return Guard([&]() -> Result<std::vector<KpiIndicator>> {
        std::vector<KpiIndicator> all;
        auto select = connection_->Cached(std::string(kIndicatorColumns) + std::string(kIndicatorVersions));
        select->Bind(1, code);
        while (select->Step()) all.push_back(ReadIndicator(*connection_, *select));
        return all;
    });
}

Result<int> SqliteStore::SaveKpi(const KpiIndicator& indicator) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_,
                                  Text{"lưu chỉ tiêu " + indicator.code, "save the indicator " + indicator.code});
    return Guard([&]() -> Result<int> {
        int version = 0;
        Status saved = RunInTransaction([&] {
            {
                auto next = connection_->Cached(kNextVersion);
                next->Bind(1, indicator.code);
                next->Step();
                version = next->Int(0);
            }
            auto insert = connection_->Cached(kInsertIndicator);
            insert->Bind(1, indicator.code).Bind(2, version).Bind(3, indicator.name.vi).Bind(4, indicator.name.en);
            insert->Bind(5, indicator.unit_of_measure).Bind(6, std::string_view(KpiMeasureName(indicator.measure)));
            insert->Bind(7, std::string_view(KpiComparatorName(indicator.comparator)));
            insert->Bind(8, indicator.value).Bind(9, indicator.amber_margin);
            BindOptional(*insert, 10, indicator.scope.field);
            BindOptional(*insert, 11, indicator.scope.department);
            BindOptional(*insert, 12, indicator.scope.procedure);
            insert->Bind(13, indicator.source).Bind(14, indicator.saved_by).Bind(15, indicator.saved_at).Run();
            return OkStatus();
        });
        if (!saved) return saved.GetError();
        return version;
    });
}

Result<std::vector<KpiTarget>> SqliteStore::ListTargets(const std::optional<std::string>& unit, int year) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(
        *connection_, Text{"đọc chỉ tiêu năm " + std::to_string(year), "read the targets of " + std::to_string(year)});
    return Guard([&]() -> Result<std::vector<KpiTarget>> {
        std::vector<KpiTarget> all;
        auto select = connection_->Cached(kSelectTargets);
        select->Bind(1, year);
        BindOptional(*select, 2, unit);
        while (select->Step()) {
            KpiTarget t;
            t.unit = select->Text(0);
            t.year = select->Int(1);
            t.kpi = select->Text(2);
            t.comparator =
                EnumColumn<KpiComparator>(*connection_, *select, 3, "kpi_targets", "comparator", &ParseKpiComparator);
            t.value = select->DecimalValue(4);
            t.scope.field = OptionalText(*select, 5);
            t.scope.department = OptionalText(*select, 6);
            t.scope.procedure = OptionalText(*select, 7);
            t.note = select->Text(8);
            t.saved_by = select->Text(9);
            t.saved_at = select->Text(10);
            all.push_back(std::move(t));
        }
        return all;
    });
}

Status SqliteStore::SaveTarget(const KpiTarget& target) {
    std::lock_guard lock(mutex_);
    const std::string name = target.kpi + " " + target.unit + " " + std::to_string(target.year);
    Connection::ActionScope scope(*connection_, Text{"lưu chỉ tiêu " + name, "save the target " + name});
    return Guard([&] {
        return RunInTransaction([&] {
            auto upsert = connection_->Cached(kUpsertTarget);
            upsert->Bind(1, target.unit).Bind(2, target.year).Bind(3, target.kpi);
            upsert->Bind(4, std::string_view(KpiComparatorName(target.comparator))).Bind(5, target.value);
            BindOptional(*upsert, 6, target.scope.field);
            BindOptional(*upsert, 7, target.scope.department);
            BindOptional(*upsert, 8, target.scope.procedure);
            upsert->Bind(9, target.note).Bind(10, target.saved_by).Bind(11, target.saved_at).Run();
            return OkStatus();
        });
    });
}

Result<std::int64_t> SqliteStore::AddManualActual(const KpiManualActual& actual) {
    std::lock_guard lock(mutex_);
    const std::string name = actual.kpi + " " + actual.unit + " " + std::to_string(actual.year);
    Connection::ActionScope scope(*connection_, Text{"lưu kết quả chỉ tiêu " + name, "save the actual " + name});
    return Guard([&]() -> Result<std::int64_t> {
        std::int64_t id = 0;
        Status saved = RunInTransaction([&] {
            auto insert = connection_->Cached(kInsertActual);
            insert->Bind(1, actual.unit).Bind(2, actual.year).Bind(3, actual.kpi).Bind(4, actual.value);
            insert->Bind(5, actual.date.Iso()).Bind(6, actual.note).Bind(7, EvidenceJson(actual.evidence));
            insert->Bind(8, actual.by).Bind(9, actual.recorded_at).Run();
            id = sqlite3_last_insert_rowid(connection_->Handle());
            return OkStatus();
        });
        if (!saved) return saved.GetError();
        return id;
    });
}

Result<std::vector<KpiManualActual>> SqliteStore::ListManualActuals(const std::optional<std::string>& unit, int year) {
    std::lock_guard lock(mutex_);
    Connection::ActionScope scope(*connection_, Text{"đọc kết quả chỉ tiêu năm " + std::to_string(year),
                                                     "read the actuals of " + std::to_string(year)});
    return Guard([&]() -> Result<std::vector<KpiManualActual>> {
        std::vector<KpiManualActual> all;
        auto select = connection_->Cached(kSelectActuals);
        select->Bind(1, year);
        BindOptional(*select, 2, unit);
        while (select->Step()) {
            KpiManualActual a;
            a.id = select->Int64(0);
            a.unit = select->Text(1);
            a.year = select->Int(2);
            a.kpi = select->Text(3);
            a.value = select->DecimalValue(4);
            const std::string date = select->Text(5);
            const auto parsed = ParseCivilDate(date);
            if (!parsed) {
                throw StorageFailure(
                    sqlite::MakeCorruptDataError(connection_->Action(), "kpi_manual_actuals", "date", date));
            }
            a.date = *parsed;
            a.note = select->Text(6);
            const std::string evidence = select->Text(7);
            auto items = TextsFromJson(evidence);
            if (!items) {
                throw StorageFailure(
                    sqlite::MakeCorruptDataError(connection_->Action(), "kpi_manual_actuals", "evidence", evidence));
            }
            a.evidence = std::move(*items);
            a.by = select->Text(8);
            a.recorded_at = select->Text(9);
            all.push_back(std::move(a));
        }
        return all;
    });
}

Result<std::optional<KpiRuleSet>> SqliteStore::FindKpiRules(const std::string& framework, int version) {
    std::lock_guard lock(mutex_);
    const std::string name = framework + " " + std::to_string(version);
    Connection::ActionScope scope(*connection_,
                                  Text{"đọc quy tắc chấm theo chỉ tiêu của " + name, "read the KPI rules of " + name});
    return Guard([&]() -> Result<std::optional<KpiRuleSet>> {
        auto select = connection_->Cached(kSelectRules);
        select->Bind(1, framework).Bind(2, version);
        if (!select->Step()) return std::optional<KpiRuleSet>();
        KpiRuleSet set;
        set.framework = framework;
        set.version = version;
        const std::string text = select->Text(0);
        auto rules = RulesFromJson(text);
        if (!rules)
            throw StorageFailure(sqlite::MakeCorruptDataError(connection_->Action(), "kpi_rules", "rules", text));
        set.rules = std::move(*rules);
        set.saved_by = select->Text(1);
        set.saved_at = select->Text(2);
        return std::optional<KpiRuleSet>(std::move(set));
    });
}

Status SqliteStore::SaveKpiRules(const KpiRuleSet& rules) {
    std::lock_guard lock(mutex_);
    const std::string name = rules.framework + " " + std::to_string(rules.version);
    Connection::ActionScope scope(*connection_,
                                  Text{"lưu quy tắc chấm theo chỉ tiêu của " + name, "save the KPI rules of " + name});
    return Guard([&] {
        return RunInTransaction([&] {
            auto upsert = connection_->Cached(kUpsertRules);
            upsert->Bind(1, rules.framework).Bind(2, rules.version).Bind(3, RulesJson(rules.rules));
            upsert->Bind(4, rules.saved_by).Bind(5, rules.saved_at).Run();
            return OkStatus();
        });
    });
}

}  // namespace parindex
