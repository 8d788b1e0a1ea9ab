# average.gp: the ranking as dots, rank 1 on top.
# Written by 'leaderboard plot'. Render it with
#     gnuplot path/to/average.gp
# from any directory: it reads average.dat and writes average.png next to itself
# (ARG0 is this script's path). Labels are single-quoted literals.
i = strlen(ARG0)
while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
dir = ARG0[1:i]
data = dir.'average.dat'
set terminal pngcairo noenhanced size 1000,340 font 'Sans,10'
set output dir.'average.png'
set datafile separator tab
set linetype 1 lc rgb '#4e79a7' lw 1.5 pt 7 ps 0.8
set linetype 2 lc rgb '#f28e2b' lw 1.5 pt 7 ps 0.8
set linetype 3 lc rgb '#e15759' lw 1.5 pt 7 ps 0.8
set linetype 4 lc rgb '#76b7b2' lw 1.5 pt 7 ps 0.8
set linetype 5 lc rgb '#59a14f' lw 1.5 pt 7 ps 0.8
set linetype 6 lc rgb '#edc948' lw 1.5 pt 7 ps 0.8
set linetype 7 lc rgb '#b07aa1' lw 1.5 pt 7 ps 0.8
set linetype 8 lc rgb '#ff9da7' lw 1.5 pt 7 ps 0.8
set linetype 9 lc rgb '#9c755f' lw 1.5 pt 7 ps 0.8
set linetype 10 lc rgb '#bab0ac' lw 1.5 pt 7 ps 0.8
set linetype cycle 10
set title 'Average of 2 benchmarks'."\n".'alpha, beta'."\n".'all 5 ranked models; error bars: 95% interval (1.96 standard errors)' font ',12'
set lmargin at screen 0.2532
set rmargin at screen 0.9700
set xlabel 'average score (the axis starts at 54, not 0: dots, not bars)'
set xrange [54:73.948052]
set xtics 54,2,72
set yrange [4.4:-0.6]
set ytics nomirror scale 0
set ytics ('1. line1 system(''touch p6'')' 0)
set ytics add ('2. org/steady' 1)
set ytics add ('3. x''; system(''touch p4''); ''' 2)
set ytics add ('4. evil `touch p5` m' 3)
set ytics add ('5. org/no-error' 4)
set grid xtics ytics lt 0 lw 0.5 lc rgb '#bbbbbb'
unset key
plot data using 3:1 with points pt 7 ps 1.4 lc rgb '#4e79a7', \
     data using 3:1:5:6 with xerrorbars lc rgb '#333333' lw 1.2 ps 0, \
     data using 7:1:4 with labels left offset char 0.5,0
