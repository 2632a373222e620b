package cn.gridbot.bot; public class Main { public static void main(String[] a){} }
