# COINr as a peer: its outlier treatment (Treat on a numeric vector: winsorise, else log_CT, checked by
# check_SkewKurt) on small cases: extremes tied at both ends, a negative skew, missing values, with
# winmax 1 and 5; written as a fixture Keping's tests compare against
# (packages/core/src/index-engine/fixtures/coinr-treat-cases.json). Run by `npm run bench -- coinr`.
args <- commandArgs(trailingOnly = TRUE)
lib <- args[[1]]
out <- args[[2]]
suppressMessages(library(COINr, lib.loc = lib))

num <- function(v) paste0("[", paste(ifelse(is.na(v), "null", sprintf("%.17g", v)), collapse = ","), "]")

set.seed(20261207)
base <- round(exp(rnorm(40, 2, 0.4)), 3)
data <- list(
  # three points tied at the top, two tied at the bottom
  ties_both_ends = c(base, 400, 400, 400, -60, -60),
  # one far point: a single winsorisation step suffices
  one_outlier = c(base, 300),
  # a long left tail
  negative_skew = -c(base, 250, 260, 270, 900),
  # gaps among the values
  missing = c(base[1:20], NA, base[21:40], NA, 500, 520, 510),
  # a heavy tail five points deep: more than winmax 1, within 5 or not
  heavy_tail = c(base, 90, 120, 160, 220, 300, 420),
  # mostly equal values with a few high ones
  many_ties = c(rep(5, 30), rep(6, 5), 50, 50, 55)
)
cases <- character(0)
for (name in names(data)) {
  x <- data[[name]]
  for (winmax in c(1, 5)) {
    res <- suppressMessages(Treat(x, f1 = "winsorise", f1_para = list(na.rm = TRUE, winmax = winmax, skew_thresh = 2, kurt_thresh = 3.5),
                                  f2 = "log_CT", f2_para = list(na.rm = TRUE),
                                  f_pass = "check_SkewKurt", f_pass_para = list(na.rm = TRUE, skew_thresh = 2, kurt_thresh = 3.5)))
    d <- res$Dets_Table  # on a vector: a list per step (check_SkewKurt0, winsorise, check_SkewKurt1, log_CT)
    nwin <- if (!is.null(d$winsorise$nwin)) d$winsorise$nwin else 0
    pass0 <- d$check_SkewKurt0$Pass
    pass1 <- if (!is.null(d$check_SkewKurt1)) d$check_SkewKurt1$Pass else NA
    treatment <- if (isTRUE(pass0)) "none" else if (isTRUE(pass1)) "winsorised" else "log"
    cases <- c(cases, sprintf('{"data":"%s","winmax":%d,"treatment":"%s","points":%s,"x":%s,"treated":%s}',
                              name, winmax, treatment, ifelse(is.na(nwin), 0, nwin), num(x), num(res$x)))
  }
}
json <- sprintf('{"peer":"COINr %s","command":"Rscript bench/peers/coinr/treat-cases.R <lib> <out> (npm run bench -- coinr)","cases":[\n%s\n]}\n',
                as.character(utils::packageVersion("COINr", lib.loc = lib)), paste(cases, collapse = ",\n"))
writeLines(json, out, sep = "")
