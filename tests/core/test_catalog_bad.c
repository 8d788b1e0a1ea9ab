/* test_catalog_bad: a build whose suite schema is wrong. This program
 * defines the embedded suites itself (so the library's suites_data.c is not
 * linked): the catalog must say what is wrong and hold nothing, rather than
 * rank with half a suite. */
#include "test_util.h"

#include <string.h>

#include "core/catalog.h"
#include "core/suite_texts.h"

static const char good[] =
    "{\"name\": \"good\", \"title\": \"Good\", \"method\": \"mean\", "
    "\"fields\": [{\"name\": \"Alpha\", \"role\": \"benchmark\", "
    "\"constraints\": {\"minimum\": 0, \"maximum\": 100}, "
    "\"lmeval\": {\"task\": \"alpha\", \"num_fewshot\": 0, "
    "\"metric\": \"acc\", \"random\": \"0\"}}]}";
/* Beta has no "lmeval": how would import run it? */
static const char bad[] =
    "{\"name\": \"bad\", \"title\": \"Bad\", \"method\": \"mean\", "
    "\"fields\": [{\"name\": \"Beta\", \"role\": \"benchmark\", "
    "\"constraints\": {\"minimum\": 0, \"maximum\": 100}}]}";

const struct lb_suite_text lb_suite_texts[] = {
    {"good", good, sizeof good - 1},
    {"bad", bad, sizeof bad - 1},
    {NULL, NULL, 0},
};

static void test_catalog_bad_suite_empties_the_catalog(void **state)
{
    const char *msg;

    (void)state;
    msg = lb_catalog_error();
    assert_non_null(msg);
    assert_non_null(strstr(msg, "built-in suite bad: benchmark Beta"));
    /* the good suite read first is not kept either */
    assert_null(lb_catalog_suites()[0]);
    assert_null(lb_catalog_benchmark("Alpha"));
    assert_null(lb_catalog_suite("good"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_bad_suite_empties_the_catalog),
    };

    return cmocka_run_group_tests_name("catalog_bad", tests, NULL, NULL);
}
