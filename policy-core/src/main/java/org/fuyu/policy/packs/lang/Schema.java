package org.fuyu.policy.packs.lang;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fuyu.policy.facts.BusinessKind;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.PersonCategory;
import org.fuyu.policy.facts.Sector;
import org.fuyu.policy.facts.SizeClass;

/**
 * The names a rule may read in each subject's scope (spec §1): the fact fields and the derived
 * values of the fact model, with their types and the Java the compiler emits for them. This
 * table is the fence: a rule file can reach nothing that is not listed here, a parameter, a
 * derived value of its own pack or one of the language's functions.
 */
final class Schema {
    /** A subject's scope. Person and business scopes see their household; a village sees its county. */
    enum Scope {
        HOUSEHOLD("HouseholdCase", "c", null), PERSON("Person", "p", HOUSEHOLD), BUSINESS("Business", "b", HOUSEHOLD),
        COUNTY("CountyCase", "k", null), VILLAGE("Village", "v", COUNTY);

        final String javaType;
        final String var;
        final Scope parent;

        Scope(String javaType, String var, Scope parent) {
            this.javaType = javaType;
            this.var = var;
            this.parent = parent;
        }

        static Scope of(String subject) {
            for (Scope s : values()) {
                if (s.name().equalsIgnoreCase(subject)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** Kinds of value. */
    enum K { BOOL, LONG, DEC, FRAC, DATE, ENUM, SET, TEXT, COLL, MONTHS }

    /** A value's type: the kind, the enum class of ENUM and SET, the element scope of COLL. */
    record Ty(K k, Class<? extends Enum<?>> enumClass, Scope element) {
        static final Ty BOOL = new Ty(K.BOOL, null, null);
        static final Ty LONG = new Ty(K.LONG, null, null);
        static final Ty DEC = new Ty(K.DEC, null, null);
        static final Ty FRAC = new Ty(K.FRAC, null, null);
        static final Ty DATE = new Ty(K.DATE, null, null);
        static final Ty TEXT = new Ty(K.TEXT, null, null);
        static final Ty MONTHS = new Ty(K.MONTHS, null, null);

        static Ty enumOf(Class<? extends Enum<?>> c) {
            return new Ty(K.ENUM, c, null);
        }

        static Ty setOf(Class<? extends Enum<?>> c) {
            return new Ty(K.SET, c, null);
        }

        static Ty coll(Scope s) {
            return new Ty(K.COLL, null, s);
        }

        boolean numeric() {
            return k == K.LONG || k == K.DEC || k == K.FRAC;
        }

        /** In words, for messages. */
        String words(boolean zh) {
            return switch (k) {
                case BOOL -> zh ? "是/否" : "yes/no";
                case LONG, DEC -> zh ? "数字" : "a number";
                case FRAC -> zh ? "比率" : "a share or rate";
                case DATE -> zh ? "日期" : "a date";
                case ENUM -> (zh ? "取值之一：" : "one of ") + values(enumClass);
                case SET -> (zh ? "集合，元素为 " : "a set of ") + values(enumClass);
                case TEXT -> zh ? "文字" : "text";
                case COLL -> zh ? "一组对象" : "a collection";
                case MONTHS -> zh ? "月数" : "a number of months";
            };
        }

        static String values(Class<? extends Enum<?>> c) {
            StringBuilder sb = new StringBuilder();
            for (Enum<?> e : c.getEnumConstants()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.name());
            }
            return sb.toString();
        }
    }

    /**
     * A name of a scope. {@code java} uses {@code {H}} {@code {P}} {@code {B}} {@code {K}} {@code {V}}
     * for the household case, person, business, county case and village in scope.
     */
    record Field(Ty ty, String java, boolean undefinable, String zh) {
    }

    static final Map<Scope, Map<String, Field>> FIELDS = new LinkedHashMap<>();

    private static void f(Scope s, String name, Ty ty, String java, String zh) {
        FIELDS.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(name, new Field(ty, java, false, zh));
    }

    static {
        Scope h = Scope.HOUSEHOLD;
        f(h, "farming", Ty.BOOL, "{H}.household().farming()", "农业户");
        f(h, "members", Ty.coll(Scope.PERSON), "{H}.members()", "家庭成员");
        f(h, "businesses", Ty.coll(Scope.BUSINESS), "{H}.businesses()", "创业主体");
        f(h, "memberCount", Ty.LONG, "{H}.memberCount()", "家庭人口");
        f(h, "income.wage", Ty.LONG, "{H}.household().income().wage()", "工资性收入");
        f(h, "income.operating", Ty.LONG, "{H}.household().income().operating()", "经营性收入");
        f(h, "income.property", Ty.LONG, "{H}.household().income().property()", "财产性收入");
        f(h, "income.transfer", Ty.LONG, "{H}.household().income().transfer()", "转移性收入");
        f(h, "totalIncome", Ty.LONG, "{H}.totalIncome()", "家庭总收入");
        f(h, "perCapitaIncome", Ty.DEC, "{H}.perCapitaIncome()", "人均收入");
        f(h, "statuses", Ty.setOf(HouseholdStatus.class), "{H}.household().statuses()", "农户身份");
        f(h, "housingSafe", Ty.BOOL, "{H}.household().housingSafe()", "住房安全");
        f(h, "medicalExpenseYuan", Ty.LONG, "{H}.household().medicalExpenseYuan()", "医疗支出");
        f(h, "disasterLossYuan", Ty.LONG, "{H}.household().disasterLossYuan()", "灾害损失");
        f(h, "assets.vehicleValueYuan", Ty.LONG, "{H}.assets().vehicleValueYuan()", "车辆价值");
        f(h, "assets.commercialProperty", Ty.BOOL, "{H}.assets().commercialProperty()", "经营性房产");
        f(h, "assets.savingsYuan", Ty.LONG, "{H}.assets().savingsYuan()", "存款");
        f(h, "credit.rating", Ty.enumOf(CreditRating.class), "{H}.credit().rating()", "信用等级");
        f(h, "credit.overdue", Ty.BOOL, "{H}.credit().overdue()", "逾期");
        f(h, "credit.dishonestDebtor", Ty.BOOL, "{H}.credit().dishonestDebtor()", "失信被执行人");
        f(h, "credit.inclusiveCreditLineYuan", Ty.LONG, "{H}.credit().inclusiveCreditLineYuan()", "普惠授信额度");
        f(h, "credit.outstandingLoanYuan", Ty.LONG, "{H}.credit().outstandingLoanYuan()", "贷款余额");
        f(h, "asOf", Ty.DATE, "{H}.asOf()", "评估日期");

        Scope p = Scope.PERSON;
        f(p, "age", Ty.LONG, "{P}.age()", "年龄");
        f(p, "laborCapable", Ty.BOOL, "{P}.laborCapable()", "有劳动能力");
        f(p, "employed", Ty.BOOL, "{P}.employed()", "已就业");
        f(p, "disabled", Ty.BOOL, "{P}.disabled()", "残疾");
        f(p, "inSchool", Ty.BOOL, "{P}.inSchool()", "在读");
        f(p, "categories", Ty.setOf(PersonCategory.class), "{P}.categories()", "人员类别");

        Scope b = Scope.BUSINESS;
        f(b, "sector", Ty.enumOf(Sector.class), "{B}.sector()", "行业");
        f(b, "kind", Ty.enumOf(BusinessKind.class), "{B}.kind()", "主体类型");
        f(b, "registeredOn", Ty.DATE, "{B}.registeredOn()", "登记日期");
        f(b, "monthsOperating", Ty.LONG, "{B}.monthsOperating()", "经营月数");
        f(b, "localJobsCreated", Ty.LONG, "{B}.localJobsCreated()", "带动本地就业");
        f(b, "lowIncomeJobsCreated", Ty.LONG, "{B}.lowIncomeJobsCreated()", "带动低收入农户就业");
        f(b, "landAreaMu", Ty.DEC, "{B}.landAreaMu()", "经营面积（亩）");
        f(b, "receivedStartupSubsidy", Ty.BOOL, "{B}.receivedStartupSubsidy()", "已领创业补贴");
        f(b, "owner.householdMember", Ty.BOOL, "({H}.member({B}.ownerId()) != null)", "经营者是本户成员");
        f(b, "owner.categories", Ty.setOf(PersonCategory.class), "Rt.categoriesOf({H}.member({B}.ownerId()))", "经营者类别");

        Scope v = Scope.VILLAGE;
        f(v, "sizeClass", Ty.enumOf(SizeClass.class), "{V}.sizeClass()", "村规模");
        f(v, "population", Ty.LONG, "{V}.population()", "人口");
        f(v, "collectiveIncome.operating", Ty.LONG, "{V}.collectiveIncome().operating()", "集体经营性收入");
        f(v, "collectiveIncome.total", Ty.LONG, "{V}.collectiveIncome().total()", "集体总收入");
        f(v, "newAgriculturalEntities", Ty.LONG, "{V}.newAgriculturalEntities()", "新型农业经营主体数");

        Scope k = Scope.COUNTY;
        f(k, "villages", Ty.coll(Scope.VILLAGE), "{K}.villages()", "行政村");
        f(k, "villageCount", Ty.LONG, "{K}.villageCount()", "行政村数");
        f(k, "households", Ty.LONG, "{K}.households()", "参评农户数");
        f(k, "asOf", Ty.DATE, "{K}.asOf()", "评估日期");
        for (String[] c : new String[][] {{"ruralPerCapitaIncome", "农村居民人均可支配收入"},
                {"previousRuralPerCapitaIncome", "上年农村居民人均可支配收入"}, {"urbanPerCapitaIncome", "城镇居民人均可支配收入"},
                {"lowIncomePerCapitaIncome", "低收入农户人均可支配收入"},
                {"previousLowIncomePerCapitaIncome", "上年低收入农户人均可支配收入"},
                {"creditLoanBalanceYuan", "农户信用贷款余额"}, {"previousCreditLoanBalanceYuan", "上年农户信用贷款余额"}}) {
            FIELDS.get(k).put("county." + c[0], new Field(Ty.LONG,
                    "Rt.req({K}.county(), {K}.county() == null ? null : {K}.county()." + c[0] + "(), \"county." + c[0] + "\")",
                    true, c[1]));
        }
    }

    private Schema() {
    }
}
