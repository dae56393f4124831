package org.fuyu.policy.examples.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.BusinessKind;
import org.fuyu.policy.facts.CollectiveIncome;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.PersonCategory;
import org.fuyu.policy.facts.Sector;
import org.fuyu.policy.facts.SizeClass;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.JsonLines;

/**
 * A synthetic county (or province) population: villages of three size classes grouped into
 * counties, households of 1–7 members with a log-normal per-capita income and a low-income tail,
 * statuses, assets and credit records, businesses for about 3% of households, and County facts
 * computed from the generated households.
 *
 * <p>The same seed gives the same population whatever the number of threads: households are
 * generated in chunks of {@value #CHUNK}, each from its own random stream derived from the seed
 * and the chunk number. Dates are relative to {@link #REFERENCE_DATE}.
 */
public final class PopulationGenerator {
    /** The date the population describes (businesses' months of operation count up to it). */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2024, 6, 30);
    /** Households per independently seeded chunk. */
    public static final int CHUNK = 10_000;
    /** The per-capita income below which the generator puts its low-income tail (the seed line of spec §3.1). */
    static final long LOW_INCOME_LINE = 13_000;

    private static final String[] NAME_FIRST = {"上", "下", "东", "西", "南", "北", "黄", "青", "石", "竹", "桃", "李",
        "新", "老", "大", "小", "高", "龙", "凤", "白", "红", "金", "银", "柳"};
    private static final String[] NAME_SECOND = {"坪", "口", "田", "溪", "岭", "湾", "塘", "岙", "坑", "桥", "山", "林",
        "源", "湖", "坞", "庄", "园", "阳"};
    private static final LocalDate FIRST_REGISTRATION = LocalDate.of(2018, 1, 1);

    /** What to generate. */
    public record Config(long households, int villages, int counties, long seed) {
        public Config {
            if (households < 0) {
                throw new IllegalArgumentException("households must be ≥ 0");
            }
            if (villages < 1) {
                throw new IllegalArgumentException("villages must be ≥ 1");
            }
            if (counties < 1 || counties > villages) {
                throw new IllegalArgumentException("counties must be between 1 and the number of villages");
            }
        }

        /** One county per 300 villages (at least one), as in the counties the seed documents describe. */
        public static Config of(long households, int villages, long seed) {
            return new Config(households, villages, Math.max(1, villages / 300), seed);
        }
    }

    /** Totals of what was written. */
    public record Written(long households, long persons, long businesses, int villages, int counties) {
    }

    private final Config config;
    private final List<Village> villages;
    private final double[] cumulativeWeight;
    /** Income level of each village relative to the population (its county's level times its own). */
    private final double[] incomeLevel;
    private final int householdIdWidth;

    public PopulationGenerator(Config config) {
        this.config = config;
        this.householdIdWidth = Math.max(6, Long.toString(Math.max(1, config.households())).length());
        SplittableRandom r = random(config.seed(), -1);
        double[] countyLevel = new double[config.counties()];
        for (int c = 0; c < countyLevel.length; c++) {
            countyLevel[c] = Math.exp(0.12 * r.nextGaussian());
        }
        double[] level = new double[config.villages()];
        List<Village> vs = new ArrayList<>(config.villages());
        double[] cum = new double[config.villages()];
        double total = 0;
        int villageIdWidth = Math.max(4, Integer.toString(config.villages()).length());
        int countyIdWidth = Math.max(2, Integer.toString(config.counties()).length());
        for (int i = 0; i < config.villages(); i++) {
            int county = (int) ((long) i * config.counties() / config.villages());
            level[i] = countyLevel[county] * Math.exp(0.08 * r.nextGaussian());
            double u = r.nextDouble();
            SizeClass size = u < 0.30 ? SizeClass.SMALL : u < 0.80 ? SizeClass.MEDIUM : SizeClass.LARGE;
            total += switch (size) {
                case SMALL -> 1.0;
                case MEDIUM -> 2.5;
                case LARGE -> 5.0;
            };
            cum[i] = total;
            long operating = collectiveOperating(r, size);
            long total2 = operating + (operating == 0 ? r.nextLong(0, 80_001) : r.nextLong(0, 120_001));
            int entities = switch (size) {
                case SMALL -> r.nextInt(0, 4);
                case MEDIUM -> r.nextInt(1, 7);
                case LARGE -> r.nextInt(2, 11);
            };
            String name = NAME_FIRST[r.nextInt(NAME_FIRST.length)] + NAME_SECOND[r.nextInt(NAME_SECOND.length)] + "村 "
                    + (i + 1);
            vs.add(new Village(id("V", i + 1, villageIdWidth), id("C", county + 1, countyIdWidth), name, size, 0,
                    new CollectiveIncome(operating, total2), entities));
        }
        this.villages = List.copyOf(vs);
        this.cumulativeWeight = cum;
        this.incomeLevel = level;
    }

    public Config config() {
        return config;
    }

    /** The number of chunks of {@value #CHUNK} households. */
    public long chunks() {
        return (config.households() + CHUNK - 1) / CHUNK;
    }

    /** The households of one chunk (with their businesses), in id order. */
    public List<HouseholdInput> chunk(long chunkIndex) {
        long from = chunkIndex * CHUNK;
        long to = Math.min(config.households(), from + CHUNK);
        if (from < 0 || from >= to) {
            throw new IllegalArgumentException("no chunk " + chunkIndex);
        }
        SplittableRandom r = random(config.seed(), chunkIndex);
        List<HouseholdInput> out = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            out.add(household(r, i + 1));
        }
        return out;
    }

    /** The first {@code n} households (at most all of them), for in-memory benchmarks. */
    public List<HouseholdInput> households(int n) {
        List<HouseholdInput> out = new ArrayList<>(n);
        for (long c = 0; c < chunks() && out.size() < n; c++) {
            for (HouseholdInput h : chunk(c)) {
                if (out.size() == n) {
                    break;
                }
                out.add(h);
            }
        }
        return out;
    }

    /** The villages with a population of zero; {@link #write} fills in the generated people. */
    public List<Village> villageTemplates() {
        return villages;
    }

    /**
     * Writes {@code households.jsonl}, {@code businesses.jsonl}, {@code villages.jsonl} and
     * {@code counties.jsonl} to {@code dir}, generating chunks on {@code threads} threads.
     *
     * @param progress called with the number of households written so far
     */
    public Written write(Path dir, int threads, LongConsumer progress) throws IOException {
        Files.createDirectories(dir);
        Totals totals = new Totals(villages.size(), config.counties());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), run -> {
            Thread t = new Thread(run, "fuyu-generate");
            t.setDaemon(true);
            return t;
        });
        try (OutputStream hs = Files.newOutputStream(dir.resolve("households.jsonl"));
             OutputStream bs = Files.newOutputStream(dir.resolve("businesses.jsonl"))) {
            ArrayDeque<Future<Rendered>> pending = new ArrayDeque<>();
            long next = 0;
            long written = 0;
            while (next < chunks() || !pending.isEmpty()) {
                while (next < chunks() && pending.size() < threads * 2 + 1) {
                    long c = next++;
                    pending.add(pool.submit(() -> render(chunk(c))));
                }
                Rendered done = get(pending.poll());
                hs.write(done.households());
                bs.write(done.businesses());
                for (HouseholdInput h : done.inputs()) {
                    totals.add(h, villageIndex(h.household().villageId()), countyIndex(h.household().countyId()));
                }
                written += done.inputs().size();
                progress.accept(written);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Village> vs = villages(totals);
        List<County> cs = counties(totals);
        JsonLines villageLines = new JsonLines(1 << 16);
        for (Village v : vs) {
            villageLines.line(g -> CompactFacts.village(g, v));
        }
        Files.write(dir.resolve("villages.jsonl"), villageLines.toByteArray());
        JsonLines countyLines = new JsonLines(1 << 10);
        for (County c : cs) {
            countyLines.line(g -> CompactFacts.county(g, c));
        }
        Files.write(dir.resolve("counties.jsonl"), countyLines.toByteArray());
        return new Written(totals.households, totals.persons, totals.businesses, vs.size(), cs.size());
    }

    private record Rendered(List<HouseholdInput> inputs, byte[] households, byte[] businesses) {
    }

    private static Rendered render(List<HouseholdInput> inputs) {
        JsonLines h = new JsonLines(inputs.size() * 420);
        JsonLines b = new JsonLines(256);
        for (HouseholdInput in : inputs) {
            h.line(g -> CompactFacts.household(g, in.household()));
            for (Business x : in.businesses()) {
                b.line(g -> CompactFacts.business(g, x));
            }
        }
        // keep only what the totals need: the records are dropped once the chunk is counted
        return new Rendered(inputs, h.toByteArray(), b.toByteArray());
    }

    private static Rendered get(Future<Rendered> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generation failed: " + e.getCause(), e.getCause());
        }
    }

    /** Per-village people and per-county income and credit totals, for the village and County facts. */
    static final class Totals {
        final long[] villagePersons;
        final long[] countyIncome;
        final long[] countyPersons;
        final long[] countyLowIncome;
        final long[] countyLowIncomePersons;
        final long[] countyLoans;
        long households;
        long persons;
        long businesses;

        Totals(int villages, int counties) {
            villagePersons = new long[villages];
            countyIncome = new long[counties];
            countyPersons = new long[counties];
            countyLowIncome = new long[counties];
            countyLowIncomePersons = new long[counties];
            countyLoans = new long[counties];
        }

        void add(HouseholdInput in, int village, int county) {
            Household h = in.household();
            households++;
            persons += h.memberCount();
            businesses += in.businesses().size();
            villagePersons[village] += h.memberCount();
            countyIncome[county] += h.totalIncome();
            countyPersons[county] += h.memberCount();
            countyLoans[county] += h.credit().outstandingLoanYuan();
            if (h.totalIncome() < LOW_INCOME_LINE * h.memberCount() || h.hasStatus(HouseholdStatus.MINIMUM_LIVING)
                    || h.hasStatus(HouseholdStatus.EXTREME_POVERTY_SUPPORT)) {
                countyLowIncome[county] += h.totalIncome();
                countyLowIncomePersons[county] += h.memberCount();
            }
        }
    }

    private List<Village> villages(Totals t) {
        List<Village> out = new ArrayList<>(villages.size());
        for (int i = 0; i < villages.size(); i++) {
            Village v = villages.get(i);
            out.add(new Village(v.id(), v.countyId(), v.name(), v.sizeClass(),
                    (int) Math.min(Integer.MAX_VALUE, t.villagePersons[i]), v.collectiveIncome(), v.newAgriculturalEntities()));
        }
        return out;
    }

    private List<County> counties(Totals t) {
        List<County> out = new ArrayList<>(config.counties());
        SplittableRandom r = random(config.seed(), -2);
        int width = Math.max(2, Integer.toString(config.counties()).length());
        for (int c = 0; c < config.counties(); c++) {
            long rural = t.countyPersons[c] == 0 ? 30_000 : t.countyIncome[c] / t.countyPersons[c];
            long low = t.countyLowIncomePersons[c] == 0 ? 12_000 : t.countyLowIncome[c] / t.countyLowIncomePersons[c];
            long loans = Math.max(1, t.countyLoans[c]);
            out.add(new County(id("C", c + 1, width),
                    rural, Math.round(rural / (1 + uniform(r, 0.07, 0.15))),
                    Math.round(rural * uniform(r, 1.6, 2.2)),
                    low, Math.round(low / (1 + uniform(r, 0.10, 0.22))),
                    loans, Math.round(loans / (1 + uniform(r, 0.08, 0.24)))));
        }
        return out;
    }

    private int villageIndex(String villageId) {
        return Integer.parseInt(villageId.substring(1)) - 1;
    }

    private static int countyIndex(String countyId) {
        return Integer.parseInt(countyId.substring(1)) - 1;
    }

    // ---- one household ----

    private HouseholdInput household(SplittableRandom r, long number) {
        String id = id("H", number, householdIdWidth);
        int villageIndex = pickVillage(r);
        Village village = villages.get(villageIndex);
        int size = householdSize(r);

        // per-capita income: a log-normal body around the seed's rural income level (median 34,000,
        // about 1% of it below the line; counties and villages richer or poorer by some 10%) and a
        // tail of 2% of households far below the line
        long perCapita;
        if (r.nextDouble() < 0.02) {
            perCapita = r.nextLong(2_000, LOW_INCOME_LINE);
        } else {
            perCapita = Math.max(1_500, Math.round(34_000 * incomeLevel[villageIndex] * Math.exp(0.42 * r.nextGaussian())));
        }
        boolean lowIncome = perCapita < LOW_INCOME_LINE;
        long total = perCapita * size + r.nextLong(0, size);
        double transferShare = lowIncome ? uniform(r, 0.2, 0.45) : uniform(r, 0.02, 0.12);
        double propertyShare = uniform(r, 0, 0.05);
        double operatingShare = uniform(r, 0.1, 0.35);
        long transfer = Math.round(total * transferShare);
        long property = Math.round(total * propertyShare);
        long operating = Math.round(total * operatingShare);
        long wage = total - transfer - property - operating;
        if (r.nextDouble() < 0.006) {
            // an operating loss, covered by the other sources
            long loss = r.nextLong(1_000, 8_000);
            wage += operating + loss;
            operating = -loss;
        }
        if (wage < 0) {
            transfer += wage;
            wage = 0;
        }

        // members
        List<Person> members = new ArrayList<>(size);
        int headAge = size == 1 && r.nextDouble() < 0.35 ? r.nextInt(60, 88) : r.nextInt(24, 73);
        int[] ages = new int[size];
        ages[0] = headAge;
        for (int i = 1; i < size; i++) {
            if (i == 1 && r.nextDouble() < 0.88) {
                ages[i] = clamp(headAge + r.nextInt(-5, 6), 18, 95);
            } else if (r.nextDouble() < 0.7 || headAge > 70) {
                int lo = Math.max(0, headAge - 42);
                int hi = Math.max(lo + 1, headAge - 18);
                ages[i] = r.nextInt(lo, hi);
            } else {
                ages[i] = clamp(headAge + r.nextInt(20, 32), 40, 99);
            }
        }
        // businesses are decided first, so that their owners get the categories that go with them
        int businessCount = r.nextDouble() < 0.03 ? (r.nextDouble() < 0.1 ? 2 : 1) : 0;
        int owner = -1;
        if (businessCount > 0) {
            for (int i = 0; i < size && owner < 0; i++) {
                if (ages[i] >= 18 && ages[i] <= 60) {
                    owner = i;
                }
            }
            if (owner < 0) {
                owner = 0;
            }
        }
        // most households with someone able to work have someone employed (零就业家庭 are few)
        boolean anyoneEmployed = r.nextDouble() < (lowIncome ? 0.75 : 0.985);
        boolean employedSoFar = false;
        for (int i = 0; i < size; i++) {
            int age = ages[i];
            boolean disabled = r.nextDouble() < 0.03;
            boolean labor = age >= 16 && age <= 65 && !disabled && r.nextDouble() < 0.93;
            boolean employed = labor && anyoneEmployed && (!employedSoFar || r.nextDouble() < 0.7);
            employedSoFar |= employed;
            boolean inSchool = age >= 6 && (age <= 18 ? r.nextDouble() < 0.97 : age <= 22 && r.nextDouble() < 0.45);
            Set<PersonCategory> cats = EnumSet.noneOf(PersonCategory.class);
            if (age >= 18 && age <= 60) {
                double boost = i == owner ? 8 : 1;
                if (r.nextDouble() < 0.03 * boost) {
                    cats.add(PersonCategory.RETURNING_MIGRANT);
                }
                if (age <= 40 && r.nextDouble() < 0.02 * boost) {
                    cats.add(PersonCategory.COLLEGE_GRADUATE);
                }
                if (r.nextDouble() < 0.015 * boost) {
                    cats.add(PersonCategory.VETERAN);
                }
                if (r.nextDouble() < 0.005 * boost) {
                    cats.add(PersonCategory.TECH_PERSONNEL);
                }
                if (r.nextDouble() < 0.005 * boost) {
                    cats.add(PersonCategory.FARMER_MAKER);
                }
            }
            members.add(new Person("P" + id.substring(1) + "-" + (i + 1), age, labor, employed, disabled, inSchool, cats));
        }

        Set<HouseholdStatus> statuses = EnumSet.noneOf(HouseholdStatus.class);
        if (lowIncome) {
            if (r.nextDouble() < 0.6) {
                statuses.add(HouseholdStatus.REGISTERED_LOW_INCOME);
            }
            if (r.nextDouble() < 0.35) {
                statuses.add(HouseholdStatus.MINIMUM_LIVING);
            }
            if (size <= 2 && headAge >= 60 && r.nextDouble() < 0.15) {
                statuses.add(HouseholdStatus.EXTREME_POVERTY_SUPPORT);
            }
        } else if (r.nextDouble() < 0.004) {
            statuses.add(HouseholdStatus.MINIMUM_LIVING);
        }
        if (r.nextDouble() < 0.06) {
            statuses.add(HouseholdStatus.POVERTY_ALLEVIATED);
        }
        if (r.nextDouble() < (perCapita < LOW_INCOME_LINE * 3 / 2 ? 0.08 : 0.008)) {
            statuses.add(HouseholdStatus.MONITORED);
        }
        if (r.nextDouble() < 0.01) {
            statuses.add(HouseholdStatus.RELOCATED);
        }

        boolean housingSafe = r.nextDouble() >= (lowIncome ? 0.05 : 0.01);
        long medical = 0;
        double m = r.nextDouble();
        if (m < 0.015) {
            medical = r.nextLong(30_000, 150_001);
        } else if (m < 0.4) {
            medical = Math.round(Math.exp(Math.log(2_500) + 0.8 * r.nextGaussian()));
        }
        long disaster = r.nextDouble() < 0.01 ? r.nextLong(5_000, 80_001) : 0;

        Assets assets = Assets.NONE;
        boolean vehicle = r.nextDouble() < (lowIncome ? 0.12 : 0.45);
        boolean commercial = r.nextDouble() < (lowIncome ? 0.005 : 0.03);
        long savings = r.nextDouble() < (lowIncome ? 0.5 : 0.85)
                ? Math.round(Math.exp(Math.log(lowIncome ? 6_000 : 30_000) + 0.9 * r.nextGaussian()) * size / 3.0) : 0;
        if (vehicle || commercial || savings > 0) {
            long value = vehicle ? Math.round(Math.exp(uniform(r, Math.log(15_000), Math.log(300_000)))) : 0;
            assets = new Assets(value, commercial, savings);
        }

        Credit credit = Credit.UNRATED;
        double c = r.nextDouble();
        CreditRating rating = c < 0.10 ? CreditRating.AAA : c < 0.35 ? CreditRating.AA : c < 0.65 ? CreditRating.A
                : c < 0.80 ? CreditRating.B : c < 0.83 ? CreditRating.C : CreditRating.UNRATED;
        boolean overdue = r.nextDouble() < 0.03;
        boolean dishonest = r.nextDouble() < 0.005;
        long line = 0;
        if (rating != CreditRating.UNRATED && rating != CreditRating.C) {
            double l = r.nextDouble();
            line = l < 0.2 ? 0 : l < 0.5 ? 30_000 : l < 0.8 ? 50_000 : 100_000;
        }
        long outstanding = r.nextDouble() < 0.3 ? r.nextLong(1, 41) * 5_000 : 0;
        if (rating != CreditRating.UNRATED || overdue || dishonest || line > 0 || outstanding > 0) {
            credit = new Credit(rating, overdue, dishonest, line, outstanding);
        }
        boolean farming = r.nextDouble() < 0.85;

        Household h = new Household(id, village.id(), village.countyId(), farming, members,
                new Income(wage, operating, property, transfer), statuses, housingSafe, medical, disaster, assets, credit);
        List<Business> businesses = new ArrayList<>(businessCount);
        for (int k = 0; k < businessCount; k++) {
            businesses.add(business(r, "B" + id.substring(1) + "-" + (k + 1), members.get(owner).id(), id, village.id()));
        }
        return new HouseholdInput(h, businesses);
    }

    private static Business business(SplittableRandom r, String id, String ownerId, String householdId, String villageId) {
        double s = r.nextDouble();
        Sector sector = s < 0.2 ? Sector.HOMESTAY : s < 0.45 ? Sector.ECOMMERCE : s < 0.6 ? Sector.OUTSOURCED_PROCESSING
                : s < 0.85 ? Sector.MODERN_AGRICULTURE : Sector.OTHER;
        double k = r.nextDouble();
        BusinessKind kind = k < 0.5 ? BusinessKind.INDIVIDUAL : k < 0.7 ? BusinessKind.FAMILY_FARM
                : k < 0.85 ? BusinessKind.COOPERATIVE : BusinessKind.SMALL_ENTERPRISE;
        long days = ChronoUnit.DAYS.between(FIRST_REGISTRATION, REFERENCE_DATE.minusDays(30));
        LocalDate registered = FIRST_REGISTRATION.plusDays(r.nextLong(0, days + 1));
        int months = (int) Math.max(0, ChronoUnit.MONTHS.between(registered, REFERENCE_DATE) - r.nextInt(0, 4));
        int jobs = geometric(r, 0.3, 30);
        int lowIncomeJobs = jobs == 0 ? 0 : r.nextInt(0, jobs / 2 + 1);
        BigDecimal land = kind == BusinessKind.FAMILY_FARM || kind == BusinessKind.COOPERATIVE
                ? BigDecimal.valueOf(r.nextLong(50, 3_001), 1)
                : sector == Sector.MODERN_AGRICULTURE ? BigDecimal.valueOf(r.nextLong(0, 300), 1) : BigDecimal.ZERO;
        return new Business(id, ownerId, householdId, villageId, sector, kind, registered, months, jobs, lowIncomeJobs,
                land, r.nextDouble() < 0.2);
    }

    private static long collectiveOperating(SplittableRandom r, SizeClass size) {
        double shift = switch (size) {
            case SMALL -> -0.08;
            case MEDIUM -> 0;
            case LARGE -> 0.08;
        };
        double u = r.nextDouble() + shift;
        if (u < 0.05) {
            return 0;
        }
        if (u < 0.20) {
            return r.nextLong(1_000, 50_000);
        }
        if (u < 0.55) {
            return r.nextLong(50_000, 200_000);
        }
        if (u < 0.85) {
            return r.nextLong(200_000, 500_000);
        }
        return r.nextLong(500_000, 2_500_001);
    }

    private static final double[] SIZE_WEIGHTS = {0.09, 0.22, 0.24, 0.22, 0.13, 0.07, 0.03};

    private static int householdSize(SplittableRandom r) {
        double u = r.nextDouble();
        for (int i = 0; i < SIZE_WEIGHTS.length; i++) {
            u -= SIZE_WEIGHTS[i];
            if (u < 0) {
                return i + 1;
            }
        }
        return SIZE_WEIGHTS.length;
    }

    private int pickVillage(SplittableRandom r) {
        double x = r.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
        int i = Arrays.binarySearch(cumulativeWeight, x);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cumulativeWeight.length - 1);
    }

    private static int geometric(SplittableRandom r, double p, int max) {
        int n = 0;
        while (n < max && r.nextDouble() > p) {
            n++;
        }
        return n;
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static String id(String prefix, long n, int width) {
        String s = Long.toString(n);
        StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, s.length())).append(prefix);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s).toString();
    }

    private static SplittableRandom random(long seed, long stream) {
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + stream + 0x632BE59BD9B4E019L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
