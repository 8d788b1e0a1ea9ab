/* Board schemas: reading, writing, inference (one test per rule: each
 * fails when its rule is removed) and binding to a table. */
#include "test_util.h"

#include <stdlib.h>
#include <unistd.h>

#include "base/buf.h"
#include "core/schema.h"

/* The bound field of column 'name' in t. */
static const struct lb_field *field_of(const struct lb_table *t,
                                       const char *name)
{
    size_t col = lb_table_find(t, name);

    assert_true(col != LB_NPOS);
    assert_non_null(t->cols[col].field);
    assert_ptr_equal(t->cols[col].field, &t->schema->fields[col]);
    return t->cols[col].field;
}

static enum lb_role role_of(const struct lb_table *t, const char *name)
{
    return field_of(t, name)->role;
}

/* Loads csv with the schema text 'json' (NULL: none). */
static void load_with(struct lb_table *t, const char *csv, const char *json)
{
    struct lb_schema s;
    struct lb_load_opts o = {0};
    struct lb_error err;

    lb_error_init(&err);
    if (json != NULL) {
        assert_int_equal(lb_schema_parse(&s, "s.json", json, strlen(json),
                                         &err),
                         0);
        o.schema = &s;
    }
    if (lb_table_load_mem(t, "t.csv", csv, strlen(csv), &o, &err) != 0)
        fail_msg("%s", err.msg);
    if (json != NULL)
        lb_schema_release(&s);
}

static void test_schema_infer_roles(void **state)
{
    struct lb_table t;

    (void)state;
    /* a speech board: its own column names, lower is better */
    load_with(&t,
              "model_id,Avg. WER,RTFx,Model size (B),LS Clean WER,"
              "AMI WER,license,Accuracy,Elo,ARC_stderr\n"
              "a,5.42,100.5,1.5,2.1,9,mit,80,1200,0.5\n"
              "b,6.10,300,0.2,3.2,10,apache,70,1100,0.4\n",
              NULL);
    assert_int_equal(t.model_col, 0); /* model_id */
    assert_int_equal(role_of(&t, "model_id"), LB_ROLE_MODEL);
    /* Avg*, Average, Mean*: an aggregate, never averaged */
    assert_int_equal(role_of(&t, "Avg. WER"), LB_ROLE_AGGREGATE);
    assert_int_equal(field_of(&t, "Avg. WER")->better, LB_BETTER_LOWER);
    /* speed and size by name: metadata */
    assert_int_equal(role_of(&t, "RTFx"), LB_ROLE_METADATA);
    assert_int_equal(role_of(&t, "Model size (B)"), LB_ROLE_METADATA);
    /* an error rate by name: a benchmark, lower is better */
    assert_int_equal(role_of(&t, "LS Clean WER"), LB_ROLE_BENCHMARK);
    assert_int_equal(field_of(&t, "LS Clean WER")->better, LB_BETTER_LOWER);
    assert_int_equal(field_of(&t, "AMI WER")->better, LB_BETTER_LOWER);
    /* numbers from 0 to 100: a benchmark, higher is better */
    assert_int_equal(role_of(&t, "Accuracy"), LB_ROLE_BENCHMARK);
    assert_int_equal(field_of(&t, "Accuracy")->better, LB_BETTER_UNSET);
    /* text: metadata */
    assert_int_equal(role_of(&t, "license"), LB_ROLE_METADATA);
    /* outside 0 to 100: never averaged silently */
    assert_int_equal(role_of(&t, "Elo"), LB_ROLE_METADATA);
    assert_non_null(strstr(field_of(&t, "Elo")->why, "outside 0 to 100"));
    /* a standard error, of the benchmark named before the suffix */
    assert_int_equal(role_of(&t, "ARC_stderr"), LB_ROLE_STDERR);
    assert_string_equal(field_of(&t, "ARC_stderr")->of, "ARC");
    lb_table_release(&t);

    /* Average and Mean as first words; "Meaning" is not "Mean" */
    load_with(&t, "model,Average,Mean score,Meaning\na,1,2,3\n", NULL);
    assert_int_equal(role_of(&t, "Average"), LB_ROLE_AGGREGATE);
    assert_int_equal(role_of(&t, "Mean score"), LB_ROLE_AGGREGATE);
    assert_int_equal(role_of(&t, "Meaning"), LB_ROLE_BENCHMARK);
    lb_table_release(&t);
    /* "answer" holds no word starting with "wer" */
    load_with(&t, "model,answer,CER\na,1,2\n", NULL);
    assert_int_equal(field_of(&t, "answer")->better, LB_BETTER_UNSET);
    assert_int_equal(field_of(&t, "CER")->better, LB_BETTER_LOWER);
    lb_table_release(&t);
}

static void test_schema_infer_catalog(void **state)
{
    struct lb_table t;
    const struct lb_field *f;

    (void)state;
    /* with the catalog's benchmarks, another numeric column is metadata */
    load_with(&t, "model,ARC,MMLU,Extra\na,50,60,70\n", NULL);
    f = field_of(&t, "ARC");
    assert_int_equal(f->role, LB_ROLE_BENCHMARK);
    assert_int_equal(f->better, LB_BETTER_HIGHER);
    assert_true(f->has_min && f->has_max);
    assert_int_equal(role_of(&t, "Extra"), LB_ROLE_METADATA);
    assert_true(t.schema->catalog);
    lb_table_release(&t);
    /* without them, the same column is a benchmark */
    load_with(&t, "model,Extra\na,70\n", NULL);
    assert_int_equal(role_of(&t, "Extra"), LB_ROLE_BENCHMARK);
    assert_false(t.schema->catalog);
    lb_table_release(&t);
}

static void test_schema_sentinel(void **state)
{
    struct lb_table t;
    const struct lb_column *c;

    (void)state;
    /* a lone -1 among numbers 0 or more: missing, and stated */
    load_with(&t, "model,Model size (B),WER\na,-1,5\nb,1.5,6\nc,-1,7\n",
              NULL);
    c = &t.cols[lb_table_find(&t, "Model size (B)")];
    assert_int_equal(c->n_sentinel, 2);
    assert_int_equal(c->n_present, 1);
    assert_true(lb_column_missing(c, 0));
    assert_false(lb_column_missing(c, 1));
    assert_true(c->field->sentinel);
    lb_table_release(&t);
    /* another negative number: -1 is a value */
    load_with(&t, "model,delta\na,-1\nb,-2\nc,3\n", NULL);
    c = &t.cols[1];
    assert_int_equal(c->n_sentinel, 0);
    assert_false(lb_column_missing(c, 0));
    lb_table_release(&t);
    /* only -1: nothing to tell it from */
    load_with(&t, "model,x\na,-1\nb,-1\n", NULL);
    assert_int_equal(t.cols[1].n_sentinel, 0);
    lb_table_release(&t);
    /* -1.0 is -1 too */
    load_with(&t, "model,x\na,-1.0\nb,2.5\n", NULL);
    assert_int_equal(t.cols[1].n_sentinel, 1);
    lb_table_release(&t);
}

/* A published aggregate listed lowest first: the benchmarks whose names
 * say nothing are lower-better (the Open ASR long-form table). */
static void test_schema_order_of_aggregate(void **state)
{
    struct lb_table t;

    (void)state;
    load_with(&t, "model,Average,tedlium,AMI\na,5,4,6\nb,,1,2\nc,7,6,8\n"
                  "d,9,8,10\n", NULL);
    assert_int_equal(field_of(&t, "tedlium")->better, LB_BETTER_LOWER);
    assert_string_equal(field_of(&t, "tedlium")->order_of, "Average");
    assert_int_equal(field_of(&t, "Average")->better, LB_BETTER_LOWER);
    lb_table_release(&t);
    /* one fall: no order, higher is better (the default) */
    load_with(&t, "model,Average,tedlium\na,5,4\nb,7,6\nc,6,1\nd,9,8\n",
              NULL);
    assert_int_not_equal(field_of(&t, "tedlium")->better, LB_BETTER_LOWER);
    assert_null(field_of(&t, "tedlium")->order_of);
    lb_table_release(&t);
    /* rising once only: too little to tell an order */
    load_with(&t, "model,Average,tedlium\na,5,4\nb,5,6\nc,6,1\n", NULL);
    assert_null(field_of(&t, "tedlium")->order_of);
    lb_table_release(&t);
    /* the catalog's benchmarks decide: no order rule */
    load_with(&t, "model,Average,ARC\na,5,5\nb,6,6\nc,7,7\n", NULL);
    assert_null(field_of(&t, "ARC")->order_of);
    lb_table_release(&t);
    /* a schema that describes the column decides */
    load_with(&t, "model,Average,tedlium\na,5,4\nb,6,6\nc,7,1\n",
              "{\"fields\": [{\"name\": \"tedlium\", \"role\": "
              "\"benchmark\"}]}");
    assert_null(field_of(&t, "tedlium")->order_of);
    assert_int_not_equal(field_of(&t, "tedlium")->better, LB_BETTER_LOWER);
    lb_table_release(&t);
}

static void test_schema_percent(void **state)
{
    struct lb_table t;
    struct lb_error err;
    const struct lb_column *c;
    const char *mixed = "model,X\na,77.47%\nb,12\n";

    (void)state;
    /* every number with '%': a percentage, read as numbers */
    load_with(&t, "model,X\na,77.47%\nb,12%\nc,NA\n", NULL);
    c = &t.cols[1];
    assert_true(c->numeric);
    assert_int_equal(c->bad.kind, LB_BAD_NONE);
    assert_int_equal(lb_column_num(c, 0), 7747);
    assert_int_equal(c->n_percent, 2);
    assert_false(c->field->bare);
    assert_int_equal(c->field->role, LB_ROLE_BENCHMARK);
    lb_table_release(&t);
    /* some with it, some without: the column is bad at the first '%' */
    load_with(&t, mixed, NULL);
    c = &t.cols[1];
    assert_int_equal(c->bad.kind, LB_BAD_NUMBER);
    assert_int_equal(c->bad.status, LB_NUM_UNIT);
    assert_int_equal(c->bad.line, 2);
    lb_error_init(&err);
    assert_int_equal(lb_table_check_numeric(&t, 1, &err), -1);
    assert_string_equal(err.msg, "t.csv:2:2: '77.47%' is written with a unit "
                                 "('%') where the column's other numbers are "
                                 "bare: write all or none with it (column "
                                 "'X')");
    lb_table_release(&t);
}

static void test_schema_decimals_as_written(void **state)
{
    struct lb_table t;
    const struct lb_column *c;

    (void)state;
    load_with(&t, "model,X,Y\na,33.0279214705869,1.50\nb,33.03,2.50\n"
                  "c,50,\nd,50.0,3.25\n",
              NULL);
    c = &t.cols[1];
    assert_int_equal(c->scale, 13);
    assert_non_null(c->dec);
    assert_int_equal(lb_column_decimals(c, 0), 13);
    assert_int_equal(lb_column_decimals(c, 1), 2);
    assert_int_equal(lb_column_decimals(c, 2), 0);
    assert_int_equal(lb_column_decimals(c, 3), 1);
    c = &t.cols[2];
    assert_null(c->dec); /* 1.50, 2.50, 3.25: two decimals each */
    assert_int_equal(c->scale, 2);
    assert_int_equal(lb_column_decimals(c, 0), 2);
    assert_int_equal(lb_column_decimals(c, 3), 2);
    lb_table_release(&t);
    /* trailing zeros count: 1.50 is not 1.5 as written */
    load_with(&t, "model,X\na,1.50\nb,1.5\nc,1.5e1\nd,1e-3\n", NULL);
    c = &t.cols[1];
    assert_int_equal(c->scale, 3);
    assert_int_equal(lb_column_decimals(c, 0), 2);
    assert_int_equal(lb_column_decimals(c, 1), 1);
    assert_int_equal(lb_column_decimals(c, 2), 0);
    assert_int_equal(lb_column_decimals(c, 3), 3);
    lb_table_release(&t);
    /* one number of decimals throughout: nothing kept per cell */
    load_with(&t, "model,X\na,1.25\nb,2.50\n", NULL);
    assert_null(t.cols[1].dec);
    assert_int_equal(t.cols[1].scale, 2);
    assert_int_equal(lb_column_decimals(&t.cols[1], 1), 2);
    lb_table_release(&t);
}

static void test_schema_given(void **state)
{
    struct lb_table t;
    const struct lb_field *f;
    const struct lb_column *c;

    (void)state;
    load_with(&t,
              "system,WER,Speed,Note\n"
              "a,5.5,n/a,x\nb,999,3,y\nc,4,2,z\n",
              "{\"fields\": ["
              " {\"name\": \"system\", \"role\": \"model\"},"
              " {\"name\": \"WER\", \"role\": \"benchmark\", \"better\": "
              "\"lower\", \"missingValues\": [\"999\"], \"title\": \"Word "
              "error rate\", \"weight\": 2, \"group\": \"English\"},"
              " {\"name\": \"Speed\", \"role\": \"metadata\"}],"
              " \"missingValues\": [\"\", \"n/a\"]}");
    assert_int_equal(t.model_col, 0);
    f = field_of(&t, "WER");
    assert_true(f->described);
    assert_int_equal(f->better, LB_BETTER_LOWER);
    assert_string_equal(f->title, "Word error rate");
    assert_string_equal(f->group, "English");
    assert_true(f->has_weight);
    assert_null(f->why);
    /* a number named as missing: 999 is no value */
    c = &t.cols[1];
    assert_int_equal(c->n_sentinel, 1);
    assert_true(lb_column_missing(c, 1));
    /* a text named as missing in a column of numbers */
    c = &t.cols[2];
    assert_true(c->numeric);
    assert_true(lb_column_missing(c, 0));
    /* what the schema leaves out is inferred */
    f = field_of(&t, "Note");
    assert_false(f->described);
    assert_int_equal(f->role, LB_ROLE_METADATA);
    assert_string_equal(t.schema->source, "s.json");
    lb_table_release(&t);
}

static void test_schema_given_errors(void **state)
{
    struct lb_schema s;
    struct lb_table t;
    struct lb_load_opts o = {0};
    struct lb_error err;
    const char *json = "{\"fields\": [{\"name\": \"GSM8K\", \"role\": "
                       "\"benchmark\"}]}";

    (void)state;
    assert_int_equal(lb_schema_parse(&s, "s.json", json, strlen(json), &err),
                     0);
    o.schema = &s;
    assert_int_equal(lb_table_load_mem(&t, "t.csv", "model,ARC\na,1\n", 14,
                                       &o, &err),
                     -1);
    assert_string_equal(err.msg, "t.csv: benchmark 'GSM8K' of schema "
                                 "'s.json' is not a column of the file");
    lb_schema_release(&s);
    /* a schema's model column that the file lacks */
    json = "{\"fields\": [], \"primaryKey\": [\"system\", \"precision\"]}";
    assert_int_equal(lb_schema_parse(&s, "s.json", json, strlen(json), &err),
                     0);
    assert_string_equal(lb_schema_model_column(&s), "system");
    assert_int_equal(lb_table_load_mem(&t, "t.csv", "model,ARC\na,1\n", 14,
                                       &o, &err),
                     -1);
    assert_string_equal(err.msg, "t.csv:1: no column 'system', the model "
                                 "column of schema s.json (columns: 'model', "
                                 "'ARC')");
    lb_schema_release(&s);
    /* bad schemas */
    json = "{\"fields\": [{\"name\": \"A\"}, {\"name\": \"A\"}]}";
    assert_int_equal(lb_schema_parse(&s, "s.json", json, strlen(json), &err),
                     -1);
    assert_string_equal(err.msg, "s.json: field 'A' is described twice");
    lb_schema_release(&s);
    json = "{\"fields\": [{\"name\": \"A\", \"better\": \"up\"}]}";
    assert_int_equal(lb_schema_parse(&s, "s.json", json, strlen(json), &err),
                     -1);
    assert_string_equal(err.msg, "s.json: field 'A': 'better' must be higher "
                                 "or lower, not '\"up\"'");
    lb_schema_release(&s);
    json = "{\"fields\": [{\"name\": \"A\", \"missingValues\": [1]}]}";
    assert_int_equal(lb_schema_parse(&s, "s.json", json, strlen(json), &err),
                     -1);
    assert_string_equal(err.msg, "s.json: field 'A': 'missingValues' must be "
                                 "a list of strings (item 1 is not)");
    lb_schema_release(&s);
}

/* What lb_schema_write prints reads back as the same schema. */
static void test_schema_write_reads_back(void **state)
{
    struct lb_table t, u;
    struct lb_buf out = LB_BUF_INIT;
    size_t i;

    (void)state;
    load_with(&t, "model_id,Avg. WER,RTFx,size,WER,Acc\n"
                  "a,5.42,100.5,-1,2.1,77%\nb,6.10,300,2,3.2,80%\n",
              NULL);
    lb_schema_write(t.schema, &out);
    load_with(&u, "model_id,Avg. WER,RTFx,size,WER,Acc\n"
                  "a,5.42,100.5,-1,2.1,77%\nb,6.10,300,2,3.2,80%\n",
              lb_buf_str(&out));
    for (i = 0; i < t.ncols; i++) {
        const struct lb_field *a = t.cols[i].field, *b = u.cols[i].field;

        assert_int_equal(a->role, b->role);
        assert_int_equal(a->better == LB_BETTER_LOWER,
                         b->better == LB_BETTER_LOWER);
        assert_int_equal(a->bare, b->bare);
        assert_int_equal(t.cols[i].n_sentinel, u.cols[i].n_sentinel);
    }
    assert_non_null(strstr(lb_buf_str(&out), "\"primaryKey\": \"model_id\""));
    lb_buf_release(&out);
    lb_table_release(&t);
    lb_table_release(&u);
}

/* NAME.schema.json beside NAME.csv is found and read. */
static void test_schema_beside(void **state)
{
    char dir[] = "/tmp/lb_test_schema_XXXXXX";
    char csv[64], json[80];
    struct lb_table t;
    struct lb_error err;
    FILE *fp;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(csv, sizeof csv, "%s/board.csv", dir);
    snprintf(json, sizeof json, "%s/board.schema.json", dir);
    fp = fopen(csv, "w");
    fputs("model,X,Y\na,1,2\n", fp);
    fclose(fp);
    assert_null(lb_schema_beside(csv));
    fp = fopen(json, "w");
    fputs("{\"fields\": [{\"name\": \"X\", \"role\": \"metadata\"}]}", fp);
    fclose(fp);
    {
        char *found = lb_schema_beside(csv);

        assert_non_null(found);
        assert_string_equal(found, json);
        free(found);
    }
    assert_null(lb_schema_beside("-"));
    assert_int_equal(lb_table_load(&t, csv, NULL, &err), 0);
    assert_int_equal(t.cols[1].field->role, LB_ROLE_METADATA);
    assert_true(t.cols[1].field->described);
    assert_string_equal(t.schema->source, json);
    lb_table_release(&t);
    /* a broken one is an error, not ignored */
    fp = fopen(json, "w");
    fputs("{\"fields\": 3}", fp);
    fclose(fp);
    assert_int_equal(lb_table_load(&t, csv, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "not a Table Schema"));
    unlink(json);
    unlink(csv);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_infer_roles),
        cmocka_unit_test(test_schema_infer_catalog),
        cmocka_unit_test(test_schema_sentinel),
        cmocka_unit_test(test_schema_order_of_aggregate),
        cmocka_unit_test(test_schema_percent),
        cmocka_unit_test(test_schema_decimals_as_written),
        cmocka_unit_test(test_schema_given),
        cmocka_unit_test(test_schema_given_errors),
        cmocka_unit_test(test_schema_write_reads_back),
        cmocka_unit_test(test_schema_beside),
    };

    return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}
