# ratings.gp: each model's rating from the votes, rank 1 on top.
# Written by 'leaderboard plot'. Render it with
#     gnuplot path/to/ratings.gp
# from any directory: it reads ratings.dat and writes ratings.png next to itself
# (ARG0 is this script's path). Labels are single-quoted literals.
i = strlen(ARG0)
while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
dir = ARG0[1:i]
data = dir.'ratings.dat'
set terminal pngcairo noenhanced size 1000,410 font 'Sans,10'
set output dir.'ratings.png'
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
set title 'Bradley-Terry ratings: all 10 rated models, from 100,000 votes'."\n".'bars: 95% interval over 100 bootstrap rounds (seed 1)' font ',12'
set lmargin at screen 0.2100
set rmargin at screen 0.9600
set yrange [9.5:-0.5]
set ytics nomirror scale 0
set xlabel 'rating: 400 log10(strength) + 1000 on average'
set xrange [700:1472.058824]
set xtics 700,100,1400
set ytics ('1. org6/model-006-base' 0)
set ytics add ('2. org8/model-008-chat' 1)
set ytics add ('3. org5/model-005-chat' 2)
set ytics add ('4. org3/model-003-base' 3)
set ytics add ('5. org7/model-007-chat' 4)
set ytics add ('6. org9/model-009-base' 5)
set ytics add ('7. org2/model-002-chat' 6)
set ytics add ('8. org0/model-000-base' 7)
set ytics add ('9. org4/model-004-chat' 8)
set ytics add ('10. org1/model-001-chat' 9)
set grid xtics ytics
unset key
plot data using 3:1:4:5 with xerrorbars lc rgb '#4e79a7' lw 2 pt 7 ps 1.1, \
     data using 6:1:(sprintf('%.2f', $3)) with labels left offset char 1,0
