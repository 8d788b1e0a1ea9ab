# ranks.gp: each model's 95% rank interval, rank 1 on top.
# Written by 'leaderboard plot'. Render it with
#     gnuplot path/to/ranks.gp
# from any directory: it reads ranks.dat and writes ranks.png next to itself
# (ARG0 is this script's path). Labels are single-quoted literals.
i = strlen(ARG0)
while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
dir = ARG0[1:i]
data = dir.'ranks.dat'
set terminal pngcairo noenhanced size 1000,340 font 'Sans,10'
set output dir.'ranks.png'
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
set title 'Rank intervals: all 4 ranked models with intervals'."\n".'ranked by the average of 2 benchmarks'."\n".'bar: 95% of 200 bootstrap draws (seed 3); dot: the rank; ring: upper-bound rank' font ',12'
set lmargin at screen 0.2532
set rmargin at screen 0.8500
set xlabel 'rank (1 = best)'
set xrange [0.5:4.5]
set yrange [3.5:-0.5]
set ytics nomirror scale 0
set xtics 1
set ytics ('1. line1 system(''touch p6'')' 0)
set ytics add ('2. org/steady' 1)
set ytics add ('3. x''; system(''touch p4''); ''' 2)
set ytics add ('4. evil `touch p5` m' 3)
set grid xtics ytics
unset key
plot data using 2:1:3:4 with xerrorbars lc rgb '#4e79a7' lw 2 pt 7 ps 1, \
     data using 5:1 with points pt 6 ps 1.8 lc rgb '#333333', \
     data using 4:1:($6 > 0 ? sprintf('P(rank 1) %.3f', $6) : '') with labels left offset char 1,0
